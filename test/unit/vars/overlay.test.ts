import { describe, expect, it } from 'vitest';
import { overlayVars } from '../../../src/vars/overlay.js';
import type { Vars } from '../../../src/vars/types.js';

describe('overlayVars', () => {
  it('shows the names on top over the base, the base otherwise, and `vars` as the whole view', () => {
    const base: Vars = { a: 1, b: 2 };
    const view = overlayVars(base, { b: 20, item: 'x' });
    expect({ ...view }).toEqual({ a: 1, b: 20, item: 'x' });
    expect('item' in view && view.a === 1).toBe(true);
    expect((view.vars as Vars).item).toBe('x');
    expect(base).toEqual({ a: 1, b: 2 });
  });

  it('an overlay of an overlay stays one layer deep: 500 items that each carry a register read in linear time', () => {
    // a loop puts each item's register on top of the last: with a proxy per item, a spread of the vars asked the
    // base 2^depth times and a 30-item loop took minutes
    let vars: Vars = { keep: 'base' };
    for (let i = 0; i < 500; i++) vars = overlayVars(vars, { r: i, [`k${i % 3}`]: i });
    const started = performance.now();
    const copy = { ...vars };
    expect(copy).toEqual({ keep: 'base', r: 499, k0: 498, k1: 499, k2: 497 });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

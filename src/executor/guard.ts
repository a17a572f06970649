import type { Item } from '../playbook/types.js';

/** Where a task sits among its blocks, which decides what a failure there leads to (the play iterator's states). */
export interface Guard {
  /** a rescue section will handle a failure here */
  rescuable: boolean;
  /** a failure here leads into a rescue or always section: any_errors_fatal spares the host */
  caught: boolean;
  /** a failure here goes straight to the innermost block's always section: it does not set off any_errors_fatal */
  alwaysNext: boolean;
  /** the task is in a rescue or always section */
  recovering: boolean;
  /** after it (a task, or a whole list), a host that did not fail goes on into a rescue or always section: any_errors_fatal spares it */
  next: boolean;
}

/** A play's own tasks and handlers: no block around them. */
export const UNGUARDED: Guard = { rescuable: false, caught: false, alwaysNext: false, recovering: false, next: false };

type Block = Extract<Item, { kind: 'block' }>;

/** The guard of the item at `index` of a list run under `list`. */
export function itemGuard(items: Item[], index: number, list: Guard): Guard {
  const following = items[index + 1];
  // a block's first task is in its tasks section, whatever section the block itself is in
  return { ...list, next: following === undefined ? list.next : list.recovering && following.kind !== 'block' };
}

/** The guard of each section of a block whose own guard is `outer`. */
export function sectionGuards(block: Block, outer: Guard): Record<'block' | 'rescue' | 'always', Guard> {
  const rescue = block.rescue.length > 0;
  const always = block.always.length > 0;
  // done with the tasks or the rescue, a host goes on into the always section, else past the block
  const intoAlways = always ? block.always[0]?.kind !== 'block' : outer.next;
  return {
    block: { rescuable: outer.rescuable || rescue, caught: outer.caught || rescue || always, alwaysNext: always, recovering: false, next: intoAlways },
    rescue: { rescuable: outer.rescuable, caught: outer.caught || always, alwaysNext: always, recovering: true, next: intoAlways },
    always: { rescuable: outer.rescuable, caught: outer.caught, alwaysNext: false, recovering: true, next: outer.next },
  };
}

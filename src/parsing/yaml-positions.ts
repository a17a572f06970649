import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { loadYaml11 } from './yaml-11.js';

/** where a mapping or list came from; a scalar's place is known as the `index`th item of the list `list` */
export type PositionOf = (value: unknown, item?: { list: unknown; index: number }) => { file: string; line: number; column: number } | undefined;

/**
 * loadYaml11, plus where each mapping and list came from, so a playbook error can name file:line:column.
 * The positions are keyed by the loaded objects themselves; a scalar's by the list it is an item of and its index.
 */
export function loadYamlWithPositions(text: string, file: string, warn: (m: string) => void): { data: unknown; positionOf: PositionOf } {
  const data = loadYaml11(text, file, warn);
  const positions = new WeakMap<object, { file: string; line: number; column: number }>();
  const itemPositions = new WeakMap<object, Array<{ file: string; line: number; column: number } | undefined>>();
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, lineCounter: lines, strict: false, customTags: [{ tag: '!vault', resolve: (s: string) => s }, { tag: '!unsafe', resolve: (s: string) => s }] });
  const walk = (node: Node | null | undefined, value: unknown): void => {
    if (!node || value === null || typeof value !== 'object') return;
    if (node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      positions.set(value, { file, line, column: col });
    }
    if (isSeq(node) && Array.isArray(value)) {
      const places = node.items.map((item) => {
        const start = (item as Node | null)?.range?.[0];
        if (start === undefined) return undefined;
        const { line, col } = lines.linePos(start);
        return { file, line, column: col };
      });
      itemPositions.set(value, places);
      node.items.forEach((item, index) => walk(item as Node, value[index]));
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined && key in (value as Record<string, unknown>)) walk(pair.value as Node, (value as Record<string, unknown>)[key]);
      }
    }
  };
  walk(doc.contents as Node | null, data);
  const positionOf: PositionOf = (value, item) => {
    if (value !== null && typeof value === 'object') return positions.get(value);
    return item !== undefined && item.list !== null && typeof item.list === 'object' ? itemPositions.get(item.list)?.[item.index] : undefined;
  };
  return { data, positionOf };
}

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { loadYaml11 } from './yaml-11.js';

export type PositionOf = (value: unknown) => { file: string; line: number; column: number } | undefined;

/**
 * loadYaml11, plus where each mapping and list came from, so a playbook error can name file:line:column.
 * The positions are keyed by the loaded objects themselves; scalars have none.
 */
export function loadYamlWithPositions(text: string, file: string, warn: (m: string) => void): { data: unknown; positionOf: PositionOf } {
  const data = loadYaml11(text, file, warn);
  const positions = new WeakMap<object, { file: string; line: number; column: number }>();
  const lines = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, lineCounter: lines, strict: false, customTags: [{ tag: '!vault', resolve: (s: string) => s }, { tag: '!unsafe', resolve: (s: string) => s }] });
  const walk = (node: Node | null | undefined, value: unknown): void => {
    if (!node || value === null || typeof value !== 'object') return;
    if (node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      positions.set(value, { file, line, column: col });
    }
    if (isSeq(node) && Array.isArray(value)) {
      node.items.forEach((item, index) => walk(item as Node, value[index]));
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined && key in (value as Record<string, unknown>)) walk(pair.value as Node, (value as Record<string, unknown>)[key]);
      }
    }
  };
  walk(doc.contents as Node | null, data);
  return { data, positionOf: (value) => (value !== null && typeof value === 'object' ? positions.get(value) : undefined) };
}

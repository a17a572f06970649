import type { ModuleResult } from './module-contract.js';

/**
 * What `register:` stores, as Ansible stores it: the result without its internal `_ansible_*` keys, however deep
 * (strip_internal_keys), or its top-level `invocation`, and with `failed` set on every result a module or action
 * returned (TaskExecutor._execute adds it, from `rc` when the result does not say) — not on one skipped by `when`,
 * which returns before that. A loop's own result says `skipped` (all items skipped or not); its items are registered
 * by the same rule.
 */
export function registeredResult(result: ModuleResult, loop: boolean): ModuleResult {
  const clean = stripInternal(result) as ModuleResult;
  delete clean.invocation;
  if (loop && Array.isArray(clean.results)) {
    const items = clean.results as unknown[];
    clean.results = items.map((item) => (isRecord(item) ? withFailed(item) : item));
    if (!('skipped' in clean)) clean.skipped = items.length > 0 && items.every((item) => isRecord(item) && item.skipped === true);
    return clean;
  }
  return withFailed(clean);
}

function withFailed(result: ModuleResult): ModuleResult {
  if ('failed' in result || 'skip_reason' in result || result.unreachable === true) return result;
  return { ...result, failed: 'rc' in result && result.rc !== 0 && result.rc !== '0' };
}

function isRecord(value: unknown): value is ModuleResult {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function stripInternal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripInternal);
  if (!isRecord(value)) return value;
  const out: ModuleResult = {};
  for (const [key, item] of Object.entries(value)) if (!key.startsWith('_ansible_')) out[key] = stripInternal(item);
  return out;
}

import { playbookError } from './playbook-error.js';
import type { Origin, VarsPrompt } from './types.js';

const KEYS = new Set(['name', 'prompt', 'default', 'private', 'confirm', 'encrypt', 'salt_size', 'salt', 'unsafe']);

/** A play's `vars_prompt` (a list of mappings, or one mapping), checked as Play._load_vars_prompt does. */
export function loadVarsPrompt(raw: unknown, origin: Origin): VarsPrompt[] {
  if (raw === undefined || raw === null) return [];
  const entries = Array.isArray(raw) ? raw : [raw];
  return entries.map((entry) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw playbookError('vars_prompt entries must be dictionaries with a name', origin);
    }
    const data = entry as Record<string, unknown>;
    if (!('name' in data)) throw playbookError("Invalid vars_prompt data structure, missing 'name' key", origin);
    for (const key of Object.keys(data)) {
      if (!KEYS.has(key)) throw playbookError(`Invalid vars_prompt data structure, found unsupported key '${key}'`, origin);
    }
    return data as unknown as VarsPrompt;
  });
}

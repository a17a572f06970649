import { readFileSync } from 'node:fs';
import { ParseError } from '../parsing/parse-error.js';
import { loadYamlWithPositions, type PositionOf } from '../parsing/yaml-positions.js';
import { plainVaultText } from '../vault/run-vault.js';
import { yamlSyntaxError } from './playbook-error.js';
import type { Origin, RoleContext, Task } from './types.js';

/** What loading needs to know about where it is: the file being read, the play's dir, the role, the roles path. */
export interface LoadContext {
  file: string;
  /** relative task files resolve here (the including file's dir; a role's tasks/ dir) */
  basedir: string;
  playbookDir: string;
  rolesPath: string[];
  role?: RoleContext | undefined;
  positionOf: PositionOf;
  warn: (message: string) => void;
  /** what -vv tells while the playbook loads (`statically imported: <file>`) */
  note?: ((message: string) => void) | undefined;
  /** files being imported, to refuse an import loop */
  importing: string[];
  /** roles already in this play (name + params): a role runs once per play unless allow_duplicates */
  seenRoles?: Set<string>;
  /** the roles the play loads (`roles:`, import_role, their dependencies), each after its dependencies: their
   *  defaults and vars reach every task of the play (Play.roles) */
  loadedRoles?: RoleContext[];
  /** the play's handlers list, which the handlers of an import_role join as it loads */
  importedHandlers?: Task[];
}

/** Load one YAML file of the playbook's tree, with positions, or a clear error naming it. */
export function loadYamlFile(file: string, warn: (m: string) => void, from?: Origin): { data: unknown; positionOf: PositionOf } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const where = from ? ` (included from ${from.file}:${from.line})` : '';
    throw new ParseError(`Unable to retrieve file contents\nCould not find or access '${file}'${where}`, { file });
  }
  text = plainVaultText(text, file);
  try {
    return loadYamlWithPositions(text, file, warn);
  } catch (error) {
    throw error instanceof ParseError ? yamlSyntaxError(error, text) : error;
  }
}

/** Where an object of the current file was written (the file's start if unknown). */
export function originOf(ctx: LoadContext, value: unknown, fallback?: Origin): Origin {
  return ctx.positionOf(value) ?? fallback ?? { file: ctx.file, line: 1, column: 1 };
}

import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { loadYaml11 } from '../parsing/yaml-11.js';
import { ParseError } from '../parsing/parse-error.js';
import type { Play } from '../playbook/types.js';
import type { Vars } from '../vars/types.js';
import { readPlainText } from '../vault/run-vault.js';
import type { Templar } from './templar.js';
import { loadError } from '../playbook/playbook-error.js';
import { pyRepr } from '../template/values.js';

/** A vars file that is missing or not a mapping: Ansible stops the play with this message. */
export class VarsFileError extends ParseError {}

function readVarsFile(file: string, warn: (m: string) => void): Vars {
  const data = loadYaml11(readPlainText(file), file, warn);
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new VarsFileError(`vars file ${file} was not a dictionary`, { file });
  return data as Vars;
}

/**
 * A play's vars_files for one host: each entry a path, or a list whose first existing file wins;
 * names are templated with the host's vars, relative paths resolve against the play's dir.
 */
export function loadVarsFiles(play: Play, vars: Vars, templar: Templar, warn: (m: string) => void): Vars {
  let merged: Vars = {};
  for (const entry of play.varsFiles) {
    const candidates = (Array.isArray(entry) ? entry : [entry]).map((name) => {
      const rendered = String(templar.template(name, vars));
      return isAbsolute(rendered) ? rendered : join(play.basedir, rendered);
    });
    const found = candidates.find((file) => existsSync(file));
    if (!found) {
      // AnsibleFileNotFound (exit 1) naming the entry as written: a name untemplated, a list as Python shows it
      const named = Array.isArray(entry) ? pyRepr(entry) : String(entry);
      throw loadError(`vars file ${named} was not found\nCould not find file on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option`);
    }
    merged = { ...merged, ...readVarsFile(found, warn) };
  }
  return merged;
}

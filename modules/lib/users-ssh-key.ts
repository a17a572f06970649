// user.py's generate_ssh_key: ssh-keygen on the target, never over an existing key unless `force`. The shell half reads
// (and in apply, makes) the key; the pure half turns what it printed into Ansible's verdict, warnings and result keys.
import { shellQuote } from '../../src/connection/shell-quote.js';
import type { ModuleResult } from '../../src/executor/module-contract.js';
import { type CommandRun, parseRunLine } from './service-shell.js';

export interface SshKeyArgs {
  generate_ssh_key?: boolean;
  ssh_key_bits?: number;
  ssh_key_type?: string;
  ssh_key_file?: string;
  ssh_key_comment?: string;
  ssh_key_passphrase?: string;
  force?: boolean;
}

/** Where the key goes: `ssh_key_file` or `.ssh/id_<type>`; a relative one is joined to the user's home. */
export interface SshKeyPath {
  file: string;
  absolute: boolean;
}

export function sshKeyPath(args: SshKeyArgs): SshKeyPath {
  const file = args.ssh_key_file ?? `.ssh/id_${args.ssh_key_type ?? 'rsa'}`;
  // type=path expands `~` to the home of the user the module runs as
  return { file, absolute: file.startsWith('/') || file === '~' || file.startsWith('~/') };
}

/** os.path.join(home, file) for a relative key file, else the file itself. */
export function sshKeyFile(path: SshKeyPath, home: string): string {
  if (!path.absolute) return home === '' || home.endsWith('/') ? `${home}${path.file}` : `${home}/${path.file}`;
  return path.file;
}

/** Shell: `k=` the key path, from the home in `$h`. */
function keyVarLine(path: SshKeyPath): string {
  if (path.file === '~' || path.file.startsWith('~/')) return `k="$HOME"${shellQuote(path.file.slice(1))}`;
  if (path.absolute) return `k=${shellQuote(path.file)}`;
  // no home (no such account yet): no key to look at
  return `case "$h" in '') k=;; */) k="$h"${shellQuote(path.file)};; *) k="$h"/${shellQuote(path.file)};; esac`;
}

/** Shell: run a command line, print `TAG RC .B64OUT .B64ERR` (needs the prelude's `$T`). */
function tagged(tag: string, command: string): string {
  return `( cd / && ${command} ) >"$T/o" 2>"$T/e"; r=$?; printf '${tag} %s .%s .%s\\n' "$r" "$(base64 -w0 <"$T/o")" "$(base64 -w0 <"$T/e")"`;
}

/**
 * Shell lines, after `h` holds the home: what exists (`sshhome`, `sshdir`, `sshkey`, `sshpub`), then the fingerprint
 * (`sshfp RC .OUT .ERR`, only for a key that exists) and the public key (`sshpubkey .B64`, only when readable).
 */
export function sshKeyReadScript(path: SshKeyPath): string {
  return [keyVarLine(path), ...factLines(), ...readLines()].join('\n');
}

function factLines(): string[] {
  return ['[ -n "$h" ] && [ -e "$h" ] && echo sshhome', '[ -e "$(dirname "$k")" ] && echo sshdir', '[ -e "$k" ] && echo sshkey', '[ -e "$k.pub" ] && echo sshpub'];
}

function readLines(): string[] {
  return [`if [ -e "$k" ]; then ${tagged('sshfp', 'ssh-keygen -l -f "$k"')}; fi`, '[ -f "$k.pub" ] && [ -r "$k.pub" ] && printf \'sshpubkey .%s\\n\' "$(base64 -w0 <"$k.pub")"'];
}

/** ssh_key_gen's command: `ssh-keygen -t T [-b N] -C COMMENT -f "$k" -N PASSPHRASE`; the default comment names the target. */
export function sshKeygenCommand(args: SshKeyArgs): string {
  const words = ['ssh-keygen', '-t', shellQuote(args.ssh_key_type ?? 'rsa')];
  if ((args.ssh_key_bits ?? 0) > 0) words.push('-b', String(args.ssh_key_bits));
  words.push('-C', args.ssh_key_comment !== undefined ? shellQuote(args.ssh_key_comment) : '"ansible-generated on $(uname -n)"');
  words.push('-f', '"$k"', '-N', shellQuote(args.ssh_key_passphrase ?? ''));
  return words.join(' ');
}

/**
 * Shell lines for apply, after the account command: `h` and the owner `ids` from passwd, the facts as they were, then
 * (unless the home is missing) the .ssh directory (`sshmkdir .B64ERR` on failure) and ssh-keygen (`sshgen RC .OUT .ERR`)
 * when no key is in the way (or `force`: a key is answered `y`, a public key removed), the files chowned, and the read.
 */
export function sshKeyApplyScript(args: SshKeyArgs, user: string): string {
  const path = sshKeyPath(args);
  const u = shellQuote(`${user}:`);
  const force = args.force === true;
  const gen = sshKeygenCommand(args);
  return [
    `h=; ids=; while IFS=: read -r n p uid gid gecos hd rest; do case "$n:" in ${u}) h=$hd; ids="$uid:$gid"; break;; esac; done < /etc/passwd`,
    keyVarLine(path),
    ...factLines(),
    `if ${path.absolute ? 'true' : '[ -n "$h" ] && [ -e "$h" ]'}; then`,
    '  d=$(dirname "$k"); ok=1',
    '  if [ ! -e "$d" ]; then { mkdir -m 700 "$d" && chown "$ids" "$d"; } 2>"$T/e" || { ok=; printf \'sshmkdir .%s\\n\' "$(base64 -w0 <"$T/e")"; }; fi',
    `  if [ -n "$ok" ] && ${force ? 'true' : '[ ! -e "$k" ] && [ ! -e "$k.pub" ]'}; then`,
    ...(force ? ['    rm -f "$k.pub"', `    if [ -e "$k" ]; then ${tagged('sshgen', `printf 'y\\n' | ${gen}`)}; else ${tagged('sshgen', `${gen} </dev/null`)}; fi`] : [`    ${tagged('sshgen', `${gen} </dev/null`)}`]),
    '    [ "$r" = 0 ] && chown "$ids" "$k" "$k.pub"',
    '  fi',
    'fi',
    ...readLines(),
  ].join('\n');
}

/** What the read printed. */
export interface SshKeyFacts {
  home: boolean;
  dir: boolean;
  key: boolean;
  pub: boolean;
  fingerprint?: CommandRun | undefined;
  publicKey?: string | undefined;
  mkdirError?: string | undefined;
  keygen?: CommandRun | undefined;
}

/** The facts from a script's tag lines (users-db's `tags`). */
export function sshKeyFacts(tags: Map<string, string[]>): SshKeyFacts {
  const run = (tag: string): CommandRun | undefined => {
    const line = tags.get(tag)?.[0];
    return line === undefined ? undefined : parseRunLine(`run ${line}`);
  };
  const b64 = (tag: string): string | undefined => {
    const line = tags.get(tag)?.[0];
    return line === undefined ? undefined : Buffer.from(line.replace(/^\./, ''), 'base64').toString('utf8');
  };
  return { home: tags.has('sshhome'), dir: tags.has('sshdir'), key: tags.has('sshkey'), pub: tags.has('sshpub'), fingerprint: run('sshfp'), publicKey: b64('sshpubkey'), mkdirError: b64('sshmkdir'), keygen: run('sshgen') };
}

export type SshKeyVerdict = { kind: 'fail'; msg: string } | { kind: 'keep'; warnings: string[] } | { kind: 'generate'; warnings: string[] };

/** ssh_key_gen's decision, from the facts before it runs. */
export function sshKeyVerdict(f: SshKeyFacts, o: { force: boolean; check: boolean; absolute: boolean; name: string; keyFile: string }): SshKeyVerdict {
  if (!o.absolute && !f.home && !o.check) return { kind: 'fail', msg: `User ${o.name} home directory does not exist` };
  if (!f.dir && o.check) return { kind: 'generate', warnings: [] };
  const warnings: string[] = [];
  if (f.key) {
    if (!o.force) return { kind: 'keep', warnings: [`Found existing ssh key private file "${o.keyFile}", no force, so skipping ssh-keygen generation`] };
    warnings.push(`Overwriting existing ssh key private file "${o.keyFile}"`);
  }
  if (f.pub) {
    if (!o.force) return { kind: 'keep', warnings: [`Found existing ssh key public file "${o.keyFile}.pub", no force, so skipping ssh-keygen generation`] };
    warnings.push(`Overwriting existing ssh key public file "${o.keyFile}.pub"`);
  }
  return { kind: 'generate', warnings };
}

/** os.mkdir's error as Python words it. */
export function mkdirFailure(dir: string, stderr: string): string {
  if (/No such file or directory/.test(stderr)) return `Failed to create ${dir}: [Errno 2] No such file or directory: '${dir}'`;
  if (/Permission denied/.test(stderr)) return `Failed to create ${dir}: [Errno 13] Permission denied: '${dir}'`;
  return `Failed to create ${dir}: ${stderr.trim()}`;
}

/** main()'s result keys for the key: the fingerprint (ssh-keygen -l's stdout, else its stderr; '' with no key), the file, the public key (null when unreadable). */
export function sshKeyResult(f: SshKeyFacts, keyFile: string): ModuleResult {
  const fp = f.fingerprint;
  return { ssh_fingerprint: fp === undefined ? '' : fp.rc === 0 ? fp.stdout.trim() : fp.stderr.trim(), ssh_key_file: keyFile, ssh_public_key: f.publicKey === undefined ? null : f.publicKey.trim() };
}

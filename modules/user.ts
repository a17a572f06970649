import { shellQuote } from '../src/connection/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult, Plan } from '../src/executor/module-contract.js';
import { commandLine, newNonce, parseRunLine, scriptPrelude } from './lib/service-shell.js';
import { findGroup, parseUsersDb, type PasswdEntry, type UsersDb, usersDbScript } from './lib/users-db.js';
import { chownHomeScript, loginDefsUmask, makeHomeScript } from './lib/users-home.js';
import { expiresChange, expiresWord } from './lib/users-expires.js';
import { mkdirFailure, type SshKeyArgs, sshKeyApplyScript, sshKeyFacts, sshKeyFile, sshKeyPath, sshKeyReadScript, sshKeyResult, sshKeyVerdict } from './lib/users-ssh-key.js';

export interface UserArgs extends SshKeyArgs {
  name?: string;
  user?: string;
  state?: 'present' | 'absent';
  uid?: number;
  non_unique?: boolean;
  group?: string;
  groups?: string[];
  append?: boolean;
  comment?: string;
  home?: string;
  shell?: string;
  password?: string;
  update_password?: 'always' | 'on_create';
  password_lock?: boolean;
  create_home?: boolean;
  createhome?: boolean;
  skeleton?: string;
  system?: boolean;
  move_home?: boolean;
  remove?: boolean;
  force?: boolean;
  expires?: number;
}

/** What apply runs, in order, in one script: an optional home pre-creation, the one user command, the home fix-ups. */
export interface UserSteps {
  /** useradd/usermod/userdel words, already quoted; absent when only the home directory is missing */
  cmd?: string;
  before: string[];
  after: string[];
  result: ModuleResult;
  /** read the account back and report uid/group/comment/home/shell (state present) */
  readBack: boolean;
  /** generate_ssh_key: make the key (unless one is in the way) after the account, and report it */
  sshKey?: boolean;
}

const schema = {
  type: 'object',
  properties: {
    state: { enum: ['absent', 'present'], default: 'present' },
    name: { type: 'string' },
    user: { type: 'string' },
    uid: { type: 'integer' },
    non_unique: { type: 'boolean', default: false },
    group: { type: 'string' },
    groups: { type: 'array', items: { type: 'string' } },
    append: { type: 'boolean', default: false },
    comment: { type: 'string' },
    home: { type: 'string' },
    shell: { type: 'string' },
    password: { type: 'string' },
    update_password: { enum: ['always', 'on_create'], default: 'always' },
    password_lock: { type: 'boolean' },
    create_home: { type: 'boolean', default: true },
    createhome: { type: 'boolean' },
    skeleton: { type: 'string' },
    system: { type: 'boolean', default: false },
    move_home: { type: 'boolean', default: false },
    remove: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    expires: { type: 'number' },
    generate_ssh_key: { type: 'boolean' },
    ssh_key_bits: { type: 'integer', default: 0 },
    ssh_key_type: { type: 'string', default: 'rsa' },
    ssh_key_file: { type: 'string' },
    ssh_key_comment: { type: 'string' },
    ssh_key_passphrase: { type: 'string' },
  },
  additionalProperties: false,
} as const;

const HASH_RE = /[^a-zA-Z0-9./=]/;

/** check_password_encrypted: the warning for a password that does not look like a crypt hash. */
export function passwordWarning(password: string | undefined): string | undefined {
  if (!password || ['*', '!', '*************'].includes(password)) return undefined;
  let bad = /[:*!]/.test(password) || !password.includes('$');
  if (password.includes('$')) {
    const f = password.split('$');
    const last = f[f.length - 1] ?? '';
    if (f.length < 3) bad = true;
    else if (HASH_RE.test(last) || (f[1] === '1' && last.length !== 22) || (f[1] === '5' && last.length !== 43) || (f[1] === '6' && last.length !== 86)) bad = true;
  }
  return bad ? "The input password appears not to have been hashed. The 'password' argument must be encrypted for this module to work properly." : undefined;
}

function probeScript(name: string, home: string | undefined, args: UserArgs): string {
  const u = shellQuote(`${name}:`);
  const lines = [
    scriptPrelude(newNonce()),
    usersDbScript(name),
    home !== undefined ? `h=${shellQuote(home)}` : `h=$(while IFS=: read -r n p uid gid gecos hd rest; do case "$n:" in ${u}) printf '%s' "$hd"; break;; esac; done < /etc/passwd)`,
    `[ -n "$h" ] && [ -e "$h" ] && echo homeexists`,
    `[ -n "$h" ] && [ -d "$(dirname "$h")" ] && echo parentdir`,
    `[ -e /etc/SuSE-release ] && echo suse`,
    `grep -E '^UMASK' /etc/login.defs 2>/dev/null | sed 's/^/umask /'`,
    `usermod --help 2>&1 | grep -q '^ *-a, --append' && echo hasappend`,
  ];
  if (args.generate_ssh_key) lines.push(sshKeyReadScript(sshKeyPath(args)));
  return lines.join('\n');
}

const fail = (msg: string, extra: ModuleResult = {}): Plan<UserSteps> => ({ changed: false, reason: msg, result: { changed: false, failed: true, msg, ...extra } });

/** Groups named in `groups` (user.py's get_groups_set), each checked to exist. */
function groupsSet(list: string, db: UsersDb, primaryGid: number | undefined): { ok: true; groups: string[] } | { ok: false; msg: string } {
  const out: string[] = [];
  for (const raw of list.split(',')) {
    if (raw === '') continue;
    const g = raw.trim();
    if (out.includes(g)) continue;
    const entry = findGroup(db.groups, g);
    if (!entry) return { ok: false, msg: `Group ${g} does not exist` };
    if (primaryGid !== undefined && entry.gid === primaryGid) continue;
    out.push(g);
  }
  return { ok: true, groups: out };
}

/** user.py main() for Linux (useradd/usermod/userdel), decided from one read of passwd, group and shadow. */
export async function planUser(args: UserArgs, ctx: ModuleContext): Promise<Plan<UserSteps>> {
  const name = args.name ?? args.user;
  if (name === undefined) return fail('missing required arguments: name');
  const state = args.state ?? 'present';
  const createHome = args.create_home ?? args.createhome ?? true;
  const groupsText = args.groups === undefined ? undefined : args.groups.join(',');
  const warnings: string[] = [];
  const pwWarning = passwordWarning(args.password);
  if (pwWarning) warnings.push(pwWarning);
  if (groupsText === undefined && args.append) warnings.push("'append' is set, but no 'groups' are specified. Use 'groups' for appending new groups.This will change to an error in Ansible 2.14.");
  const out = await ctx.conn.exec(probeScript(name, args.home, args), { become: ctx.become });
  const db = parseUsersDb(out.stdout);
  const info = db.passwd;
  const base: ModuleResult = { name, state };
  const withWarnings = (r: ModuleResult): ModuleResult => (warnings.length > 0 ? { ...r, warnings } : r);

  if (state === 'absent') {
    if (!info) return { changed: false, reason: `user ${name} is absent`, result: withWarnings({ ...base, changed: false }) };
    const words = ['userdel', ...(args.force ? ['-f'] : []), ...(args.remove ? ['-r'] : []), name];
    const result = { ...base, changed: true, force: args.force ?? false, remove: args.remove ?? false };
    return { changed: true, steps: { cmd: commandLine(words), before: [], after: [], result: withWarnings(result), readBack: false }, result: { changed: true } };
  }

  const umask = loginDefsUmask(db.tags.get('umask') ?? []);
  const skeleton = args.skeleton ?? '/etc/skel';
  if (!info) {
    // user.py exits in check mode before it looks at the groups
    if (ctx.check) return { changed: true, steps: { before: [], after: [], result: { changed: true }, readBack: false }, result: { changed: true } };
    const words = ['useradd'];
    if (args.uid !== undefined) words.push('-u', String(args.uid), ...(args.non_unique ? ['-o'] : []));
    if (args.group !== undefined) {
      if (!findGroup(db.groups, args.group)) return fail(`Group ${args.group} does not exist`);
      words.push('-g', args.group);
    } else if (findGroup(db.groups, name) && !db.tags.has('suse')) words.push('-N');
    if (groupsText !== undefined && groupsText.length > 0) {
      const set = groupsSet(groupsText, db, undefined);
      if (!set.ok) return fail(set.msg);
      words.push('-G', set.groups.join(','));
    }
    if (args.comment !== undefined) words.push('-c', args.comment);
    const before: string[] = [];
    const after: string[] = [];
    if (args.home !== undefined) {
      if (createHome && !db.tags.has('parentdir')) {
        before.push(makeHomeScript(args.home, skeleton, umask));
        after.push(chownHomeScript(args.home, name));
      }
      words.push('-d', args.home);
    }
    if (args.shell !== undefined) words.push('-s', args.shell);
    if (args.expires !== undefined) words.push('-e', expiresWord(args.expires));
    if (args.password !== undefined) words.push('-p', args.password_lock ? `!${args.password}` : args.password);
    if (createHome) {
      words.push('-m');
      if (args.skeleton !== undefined) words.push('-k', args.skeleton);
    } else words.push('-M');
    if (args.system) words.push('-r');
    words.push(name);
    const result: ModuleResult = { ...base, changed: true, system: args.system ?? false, create_home: createHome };
    if (args.password !== undefined) result.password = 'NOT_LOGGING_PASSWORD';
    if (groupsText !== undefined) result.groups = groupsText;
    return { changed: true, steps: { cmd: commandLine(words), before, after, result: withWarnings(result), readBack: true, sshKey: args.generate_ssh_key === true }, result: { changed: true } };
  }

  // modify_user_usermod
  const words = ['usermod'];
  if (args.uid !== undefined && info.uid !== args.uid) words.push('-u', String(args.uid), ...(args.non_unique ? ['-o'] : []));
  if (args.group !== undefined) {
    const g = findGroup(db.groups, args.group);
    if (!g) return fail(`Group ${args.group} does not exist`);
    if (info.gid !== g.gid) words.push('-g', String(g.gid));
  }
  if (groupsText !== undefined) {
    const current = db.groups.filter((g) => g.members.includes(name)).map((g) => g.name);
    let need = false;
    let wanted: string[] = [];
    if (groupsText === '') need = current.length > 0 && !args.append;
    else {
      const set = groupsSet(groupsText, db, undefined);
      if (!set.ok) return fail(set.msg);
      wanted = set.groups;
      const diff = [...wanted.filter((g) => !current.includes(g)), ...current.filter((g) => !wanted.includes(g))];
      if (diff.length > 0) {
        if (!args.append) need = true;
        else if (wanted.some((g) => diff.includes(g))) {
          if (db.tags.has('hasappend')) words.push('-a');
          need = true;
        }
      }
      if (need && args.append && !db.tags.has('hasappend')) words.push('-A', diff.join(','));
      else if (need) words.push('-G', wanted.join(','));
      need = false;
    }
    if (need) words.push('-G', '');
  }
  if (args.comment !== undefined && info.gecos !== args.comment) words.push('-c', args.comment);
  if (args.home !== undefined && info.home !== args.home) words.push('-d', args.home, ...(args.move_home ? ['-m'] : []));
  if (args.shell !== undefined && info.shell !== args.shell) words.push('-s', args.shell);
  const expires = args.expires === undefined ? undefined : expiresChange(args.expires, db.shadow?.expires ?? -1);
  if (expires !== undefined) words.push('-e', expires);
  const hash = info.password.length <= 1 ? (db.shadow?.password ?? '') : info.password;
  if (args.password_lock === true && !hash.startsWith('!')) words.push('-L');
  else if (args.password_lock === false && hash.startsWith('!')) words.push('-U');
  if ((args.update_password ?? 'always') === 'always' && args.password !== undefined && hash.replace(/^!+/, '') !== args.password.replace(/^!+/, '')) {
    const kept = words.filter((w) => w !== '-U' && w !== '-L');
    words.length = 0;
    words.push(...kept, '-p', args.password_lock ? `!${args.password}` : args.password);
  }
  const modify = words.length > 1;
  if (modify) words.push(name);
  // handle missing homedirs: the home asked for (or the current one) must exist when create_home
  const missingHome = createHome && !db.tags.has('homeexists');
  const home = args.home ?? info.home;
  const result: ModuleResult = { ...base, changed: modify || missingHome, append: args.append ?? false, move_home: args.move_home ?? false };
  if (args.password !== undefined) result.password = 'NOT_LOGGING_PASSWORD';
  let reported = withWarnings(accountInfo(result, info, groupsText));
  let keygen = false;
  if (args.generate_ssh_key) {
    // the key goes where the home will be once usermod and the home fix-up ran (a new home holds no key)
    const path = sshKeyPath(args);
    const facts = { ...sshKeyFacts(db.tags), ...(missingHome && !path.absolute ? { home: true, dir: false, key: false, pub: false } : {}) };
    const keyFile = sshKeyFile(path, home);
    const verdict = sshKeyVerdict(facts, { force: args.force === true, check: ctx.check, absolute: path.absolute, name, keyFile });
    keygen = verdict.kind !== 'keep';
    if (verdict.kind !== 'fail') {
      const all = [...warnings, ...verdict.warnings];
      reported = { ...accountInfo(result, info, groupsText), changed: modify || missingHome || keygen, ...sshKeyResult(facts, keyFile), ...(all.length > 0 ? { warnings: all } : {}) };
    }
  }
  if (!modify && !missingHome && !keygen) return { changed: false, reason: `user ${name} is already as asked`, result: reported };
  const after = missingHome ? [makeHomeScript(home, skeleton, umask), chownHomeScript(home, name)] : [];
  const steps: UserSteps = { before: [], after, result: withWarnings(result), readBack: true, sshKey: args.generate_ssh_key === true };
  if (modify) steps.cmd = commandLine(words);
  return { changed: true, steps, result: reported };
}

/** The keys main() adds for a present user, from its passwd entry. */
function accountInfo(result: ModuleResult, info: PasswdEntry, groupsText: string | undefined): ModuleResult {
  const r: ModuleResult = { ...result, uid: info.uid, group: info.gid, comment: info.gecos, home: info.home, shell: info.shell };
  if (groupsText !== undefined) r.groups = groupsText;
  return r;
}

/** One script: home pre-creation, the command (stop on failure), home fix-ups, the ssh key, then the account read back. */
export async function applyUser(steps: UserSteps, args: UserArgs, ctx: ModuleContext): Promise<ModuleResult> {
  const name = (args.name ?? args.user) as string;
  const parts = [scriptPrelude(newNonce()), ...steps.before];
  if (steps.cmd) parts.push(`runl ${shellQuote(steps.cmd)} || exit 0`);
  parts.push(...steps.after);
  if (steps.sshKey) parts.push(sshKeyApplyScript(args, name));
  if (steps.readBack) parts.push(usersDbScript(name));
  const out = await ctx.conn.exec(parts.join('\n'), { become: ctx.become });
  // the account command's run line comes first; ssh-keygen's is tagged apart
  const run = steps.cmd ? out.stdout.split('\n').map(parseRunLine).find((r) => r !== undefined) : undefined;
  if (steps.cmd && (!run || run.rc !== 0)) return { changed: false, failed: true, name, msg: run?.stderr ?? out.stderr, rc: run?.rc ?? out.rc };
  let result: ModuleResult = { ...steps.result };
  if (run?.stdout) result.stdout = run.stdout;
  if (run?.stderr) result.stderr = run.stderr;
  if (steps.readBack) {
    const db = parseUsersDb(out.stdout);
    if (!db.passwd) return { ...result, failed: true, msg: `failed to look up user name: ${name}` };
    result = accountInfo(result, db.passwd, args.groups === undefined ? undefined : args.groups.join(','));
    if (steps.sshKey) return withSshKey(result, db, args, name, ctx.check);
  }
  return result;
}

/** main()'s ssh key step on what the apply script printed: fail, or the warnings, the verdict and the key's keys. */
function withSshKey(result: ModuleResult, db: UsersDb, args: UserArgs, name: string, check: boolean): ModuleResult {
  const facts = sshKeyFacts(db.tags);
  const path = sshKeyPath(args);
  const keyFile = sshKeyFile(path, db.passwd?.home ?? '');
  const verdict = sshKeyVerdict(facts, { force: args.force === true, check, absolute: path.absolute, name, keyFile });
  const failed = (msg: string, rc: number): ModuleResult => ({ changed: false, failed: true, name, msg, rc });
  if (verdict.kind === 'fail') return failed(verdict.msg, 1);
  if (facts.mkdirError !== undefined) return failed(mkdirFailure(keyFile.replace(/\/[^/]*$/, '') || '/', facts.mkdirError), 1);
  const gen = facts.keygen;
  if (verdict.kind === 'generate' && gen !== undefined && gen.rc !== 0) return failed(gen.stderr, gen.rc);
  const warnings = [...((result.warnings as string[] | undefined) ?? []), ...verdict.warnings];
  const changed = result.changed === true || (gen !== undefined && gen.rc === 0);
  return { ...result, changed, ...sshKeyResult(facts, keyFile), ...(warnings.length > 0 ? { warnings } : {}) };
}

export const user: ModuleDefinition<UserArgs, UserSteps> = {
  name: 'ansible.builtin.user',
  aliases: ['user', 'ansible.legacy.user'],
  freeForm: false,
  output: 'json',
  schema,
  plan: planUser,
  apply: (plan, args, ctx) => applyUser(plan.steps, args, ctx),
  checkResult: (plan) => plan.result as ModuleResult,
};

/** One row of dnf's transaction table: what dnf would do to one package. */
export interface TransactionRow {
  action: 'install' | 'upgrade' | 'downgrade' | 'reinstall' | 'remove';
  name: string;
  arch: string;
  /** `[epoch:]version-release`, as dnf prints it */
  evr: string;
}

export interface DnfResolution {
  rows: TransactionRow[];
  /** specs dnf found nothing for (`No match for argument: X`) */
  noMatch: string[];
  /** `Error: ...` lines */
  errors: string[];
}

const SECTIONS: [RegExp, TransactionRow['action']][] = [
  [/^Installing/, 'install'],
  [/^Upgrading/, 'upgrade'],
  [/^Downgrading/, 'downgrade'],
  [/^Reinstalling/, 'reinstall'],
  [/^Removing/, 'remove'],
];

/** Parse what `dnf --assumeno install|upgrade|remove ...` printed: the transaction it resolved, and what it could not find. */
export function parseDnfResolution(output: string): DnfResolution {
  const rows: TransactionRow[] = [];
  const noMatch: string[] = [];
  const errors: string[] = [];
  let section: TransactionRow['action'] | null = null;
  let pending = '';
  for (const line of output.split('\n')) {
    const miss = /^No match for argument: (.*)$/.exec(line);
    if (miss?.[1]) noMatch.push(miss[1].trim());
    if (line.startsWith('Error: ')) errors.push(line.slice(7).trim());
    if (/^Transaction Summary/.test(line)) section = null;
    if (/^\S.*:\s*$/.test(line)) {
      section = SECTIONS.find(([re]) => re.test(line))?.[1] ?? null;
      pending = '';
      continue;
    }
    if (section === null || !line.startsWith(' ') || /^\s+replacing\s/.test(line)) continue;
    // a long name is printed alone and the rest of its row follows on the next line
    const words = (pending + ' ' + line).trim().split(/\s+/);
    if (words.length < 4) {
      pending = words.join(' ');
      continue;
    }
    pending = '';
    const [name = '', arch = '', evr = ''] = words;
    rows.push({ action: section, name, arch, evr });
  }
  return { rows, noMatch, errors };
}

/** dnf's str(package): `name-[epoch:]version-release.arch`. */
export function nevra(row: { name: string; arch: string; evr: string }): string {
  return `${row.name}-${row.evr}.${row.arch}`;
}

/** Ansible's default colours (`[colors]` in ansible.cfg), as ANSI SGR codes. */
export const COLORS = {
  ok: '0;32',
  changed: '0;33',
  error: '0;31',
  skip: '0;36',
  unreachable: '1;31',
  warn: '1;35',
  deprecate: '1;35',
  highlight: '0;37',
  verbose: '0;34',
  debug: '0;90',
} as const;

export type ColorName = keyof typeof COLORS;

/** Ansible's `stringc`: every line wrapped on its own, so a pager or a split line never bleeds colour. */
export function stringc(text: string, color: ColorName): string {
  return text
    .split('\n')
    .map((line) => `\u001b[${COLORS[color]}m${line}\u001b[0m`)
    .join('\n');
}

/** Colour when stdout is a terminal, unless NO_COLOR / ANSIBLE_NOCOLOR; ANSIBLE_FORCE_COLOR forces it. */
export function colorWanted(isTty: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const truthy = (v: string | undefined): boolean => v !== undefined && ['1', 'yes', 'true', 'on', 'y', 't'].includes(v.toLowerCase());
  if (truthy(env.ANSIBLE_FORCE_COLOR)) return true;
  if (env.NO_COLOR !== undefined || truthy(env.ANSIBLE_NOCOLOR)) return false;
  return isTty;
}

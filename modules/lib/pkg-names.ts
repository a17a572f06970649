/** yumdnf.listify_comma_sep_strings_in_list: every item of a list may itself be a comma-separated string. */
export function listifyCommaSep(value: unknown): string[] {
  const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  return items.flatMap((item) => String(item).split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

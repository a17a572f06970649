/** --tags / --skip-tags (default: --tags all). */
export interface TagFilter {
  only: string[];
  skip: string[];
}

/** Taggable.evaluate_tags, line for line: `always` runs unless skipped, `never` only when asked for by name. */
export function tagsSelected(taskTags: string[], filter: TagFilter): boolean {
  const untagged = taskTags.length === 0;
  const tags = new Set(untagged ? ['untagged'] : taskTags);
  const only = filter.only.length === 0 ? ['all'] : filter.only;
  const meets = (list: string[]): boolean => list.some((tag) => tags.has(tag));
  let run = true;
  if (only.length > 0) {
    run = tags.has('always') || (only.includes('all') && !tags.has('never')) || meets(only) || (only.includes('tagged') && !untagged && !tags.has('never'));
  }
  if (run && filter.skip.length > 0) {
    if (filter.skip.includes('all')) {
      if (!tags.has('always') || filter.skip.includes('always')) run = false;
    } else if (meets(filter.skip)) run = false;
    else if (filter.skip.includes('tagged') && !untagged) run = false;
  }
  return run;
}

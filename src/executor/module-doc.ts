/** What `tsible-doc` shows for a module beyond its schema: Ansible's DOCUMENTATION, EXAMPLES and RETURN, kept short. */
export interface ModuleDoc {
  /** one line, shown by `tsible-doc -l`; defaults to the first description line */
  shortDescription?: string;
  /** paragraphs */
  description: string[];
  /** YAML text, as Ansible's EXAMPLES */
  examples?: string;
  /** keys of the registered result */
  returns?: Record<string, ReturnDoc>;
  /** option descriptions for options whose schema has no `description` */
  options?: Record<string, string>;
  /** alternative names of an option (`name` is also `hostname`) */
  optionAliases?: Record<string, string[]>;
}

export interface ReturnDoc {
  description: string;
  returned: string;
  type: string;
  sample?: unknown;
}

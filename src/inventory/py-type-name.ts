/** Where a value came from decides its Python class name in Ansible's messages (PyYAML vs json.loads). */
export type DataOrigin = 'yaml' | 'json';

/** Python's `type(x)` as Ansible prints it, e.g. `<class 'ansible.parsing.yaml.objects.AnsibleSequence'>`. */
export function pyTypeName(value: unknown, origin: DataOrigin): string {
  const yaml = origin === 'yaml';
  let name: string;
  if (value === null || value === undefined) name = 'NoneType';
  else if (typeof value === 'boolean') name = 'bool';
  else if (typeof value === 'number') name = Number.isInteger(value) ? 'int' : 'float';
  else if (typeof value === 'string') name = yaml ? 'ansible.parsing.yaml.objects.AnsibleUnicode' : 'str';
  else if (Array.isArray(value)) name = yaml ? 'ansible.parsing.yaml.objects.AnsibleSequence' : 'list';
  else name = yaml ? 'ansible.parsing.yaml.objects.AnsibleMapping' : 'dict';
  return `<class '${name}'>`;
}

/** Python's `str(x)` for plain data, for messages that embed a value. */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const items = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`);
    return `{${items.join(', ')}}`;
  }
  return String(value);
}

// Differential suite: every expression of expressions.txt (as a playbook value, Templar.template) and every
// template of templates/ (as the template module renders it) through tsible and through real Ansible
// (ansible_side.py, run now); prints the identical ratio and each difference; asserts >= 98% identical.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTemplate, templateValue } from '../../src/template/index.js';
import { PyError } from '../../src/template/eval/py-error.js';
import { LookupError, pyRepr, TemplateError, UndefinedVariableError } from '../../src/template/values.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const varsText = readFileSync(join(here, 'vars.json'), 'utf8');
const expressions = readFileSync(join(here, 'expressions.txt'), 'utf8')
  .split('\n')
  .filter((line) => line !== '');
const templateDir = join(here, 'templates');
const templates = readdirSync(templateDir).sort();

/** A python3 that can import ansible: $ANSIBLE_PYTHON, Debian's, then whatever is on PATH. */
function ansiblePython(): string | undefined {
  for (const candidate of [process.env.ANSIBLE_PYTHON, '/usr/bin/python3', 'python3']) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ['-c', "import sys; sys.path.append('/usr/lib/python3/dist-packages'); import ansible"], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

function encode(fn: () => unknown): string {
  try {
    const result = fn();
    return typeof result === 'string' ? `str:${result}` : `repr:${pyRepr(result)}`;
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const cls = error instanceof UndefinedVariableError ? 'AnsibleUndefinedVariable' : error instanceof LookupError ? 'AnsibleLookupError' : error instanceof PyError && error.pyClass !== 'TypeError' ? error.pyClass : 'AnsibleError';
    return `ERROR: ${cls}: ${error.message.split('\n')[0]}`;
  }
}

/** Same output, or errors of the same class whose messages start the same way. */
function same(ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  const a = /^ERROR: (\w+): (.*)$/s.exec(ours);
  const b = /^ERROR: (\w+): (.*)$/s.exec(theirs);
  if (!a || !b || a[1] !== b[1]) return false;
  const [ma, mb] = [a[2] as string, b[2] as string];
  if (mb.startsWith(ma.slice(0, 150)) || ma.startsWith(mb)) return true;
  const syntax = 'template error while templating string:';
  return ma.startsWith(syntax) && mb.startsWith(syntax);
}

function tsibleSide(): { expressions: string[]; templates: Record<string, string> } {
  const expressionsOut = expressions.map((src) => encode(() => templateValue(src, JSON.parse(varsText), { basedir: here })));
  const templatesOut: Record<string, string> = {};
  for (const name of templates) {
    const text = readFileSync(join(templateDir, name), 'utf8');
    templatesOut[name] = encode(() => renderTemplate(text, JSON.parse(varsText), { basedir: here, searchPath: [templateDir], file: name }));
  }
  return { expressions: expressionsOut, templates: templatesOut };
}

const python = ansiblePython();

describe.skipIf(!python)('templating matches Ansible 2.14', () => {
  it('renders the corpus like Ansible does (>= 98% identical)', () => {
    const run = spawnSync(python as string, [join(here, 'ansible_side.py'), here], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    const theirs = JSON.parse(run.stdout) as { expressions: string[]; templates: Record<string, string> };
    const ours = tsibleSide();
    const differences: string[] = [];
    expressions.forEach((src, i) => {
      if (!same(ours.expressions[i] as string, theirs.expressions[i] as string)) {
        differences.push(`expr ${JSON.stringify(src)}\n    ansible: ${JSON.stringify(theirs.expressions[i])}\n    tsible:  ${JSON.stringify(ours.expressions[i])}`);
      }
    });
    for (const name of templates) {
      if (!same(ours.templates[name] as string, theirs.templates[name] as string)) {
        differences.push(`template ${name}\n    ansible: ${JSON.stringify(theirs.templates[name])}\n    tsible:  ${JSON.stringify(ours.templates[name])}`);
      }
    }
    const total = expressions.length + templates.length;
    const identical = total - differences.length;
    const ratio = identical / total;
    console.log(`template-diff: ${identical}/${total} identical (${(ratio * 100).toFixed(1)}%): ${expressions.length} expressions, ${templates.length} templates`);
    if (differences.length) console.log(`differences:\n  ${differences.join('\n  ')}`);
    expect(expressions.length).toBeGreaterThanOrEqual(400);
    expect(templates.length).toBeGreaterThanOrEqual(30);
    expect(ratio).toBeGreaterThanOrEqual(0.98);
  });
});

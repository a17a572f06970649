import { evaluateExpression, templateMarked, templateValue, type Taint } from '../template/index.js';
import type { Vars } from '../vars/types.js';

/** Templating as the executor needs it: values for arguments, expressions for conditions and debug var=. */
export interface Templar {
  /** `taint` is told when an unsafe value flowed into the result */
  template(value: unknown, vars: Vars, options?: { taint?: Taint }): unknown;
  /** the value with Ansible's unsafe marks kept: what set_fact stores, what a loop iterates */
  templateMarked(value: unknown, vars: Vars): unknown;
  evaluate(expression: string, vars: Vars): unknown;
}

/** The project's Jinja2 engine behind the executor's interface. */
export const templar: Templar = {
  template: (value, vars, options) => templateValue(value, vars, options),
  templateMarked: (value, vars) => templateMarked(value, vars),
  evaluate: (expression, vars) => evaluateExpression(expression, vars),
};

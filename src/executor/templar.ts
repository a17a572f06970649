import { evaluateExpression, templateValue } from '../template/index.js';
import type { Vars } from '../vars/types.js';

/** Templating as the executor needs it: values for arguments, expressions for conditions and debug var=. */
export interface Templar {
  template(value: unknown, vars: Vars): unknown;
  evaluate(expression: string, vars: Vars): unknown;
}

/** The project's Jinja2 engine behind the executor's interface. */
export const templar: Templar = {
  template: (value, vars) => templateValue(value, vars),
  evaluate: (expression, vars) => evaluateExpression(expression, vars),
};

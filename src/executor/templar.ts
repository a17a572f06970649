import { renderValue } from '../template/render.js';
import type { Vars } from '../vars/types.js';

/** Templating as the executor needs it: values for arguments, expressions for conditions and debug var=. */
export interface Templar {
  template(value: unknown, vars: Vars): unknown;
  evaluate(expression: string, vars: Vars): unknown;
}

/** The project's template engine behind the executor's interface. */
export const templar: Templar = {
  template: (value, vars) => renderValue(value, vars),
  evaluate: (expression, vars) => renderValue(`{{ ${expression} }}`, vars),
};

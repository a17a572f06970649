/** A set of variables, as YAML and registered results give them: plain data. */
export type Vars = Record<string, unknown>;

// Version comparison for the `version` test: LooseVersion, StrictVersion, SemanticVersion and a PEP 440 subset.
import { TemplateError } from '../values.js';

type Cmp = (a: string, b: string) => number;

function cmpNum(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseLoose(v: string): (number | string)[] {
  return v
    .split(/(\d+|[a-z]+|\.)/)
    .filter((x) => x && x !== '.')
    .map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

/** distutils LooseVersion: lists of ints and strings; int vs str raises like Python 3. */
export const looseCompare: Cmp = (a, b) => {
  const x = parseLoose(a);
  const y = parseLoose(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as number | string;
    const q = y[i] as number | string;
    if (p === q) continue;
    if (typeof p !== typeof q) {
      throw new TemplateError(`Version comparison failed: '<' not supported between instances of '${typeof p === 'number' ? 'int' : 'str'}' and '${typeof q === 'number' ? 'int' : 'str'}'`);
    }
    return p < q ? -1 : 1;
  }
  return cmpNum(x.length, y.length);
};

function parseStrict(v: string): [number[], [string, number] | null] {
  const m = /^(\d+)\.(\d+)(\.(\d+))?([ab](\d+))?$/.exec(v);
  if (!m) throw new TemplateError(`Version comparison failed: invalid version number '${v}'`);
  const version = [Number(m[1]), Number(m[2]), m[4] ? Number(m[4]) : 0];
  const pre: [string, number] | null = m[5] ? [(m[5] as string)[0] as string, Number(m[6])] : null;
  return [version, pre];
}

/** distutils StrictVersion: N.N[.N][(a|b)N]; a release sorts after its prereleases. */
export const strictCompare: Cmp = (a, b) => {
  const [va, pa] = parseStrict(a);
  const [vb, pb] = parseStrict(b);
  for (let i = 0; i < 3; i++) {
    const c = cmpNum(va[i] as number, vb[i] as number);
    if (c) return c;
  }
  if (!pa && !pb) return 0;
  if (pa && !pb) return -1;
  if (!pa && pb) return 1;
  if (pa![0] !== pb![0]) return pa![0] < pb![0] ? -1 : 1;
  return cmpNum(pa![1], pb![1]);
};

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** SemVer 2.0 precedence (build metadata ignored). */
export const semverCompare: Cmp = (a, b) => {
  const ma = SEMVER.exec(a);
  if (!ma) throw new TemplateError(`Version comparison failed: invalid semantic version '${a}'`);
  const mb = SEMVER.exec(b);
  if (!mb) throw new TemplateError(`Version comparison failed: invalid semantic version '${b}'`);
  for (let i = 1; i <= 3; i++) {
    const c = cmpNum(Number(ma[i]), Number(mb[i]));
    if (c) return c;
  }
  const pa = ma[4]?.split('.') ?? [];
  const pb = mb[4]?.split('.') ?? [];
  if (!pa.length || !pb.length) return pa.length === pb.length ? 0 : pa.length ? -1 : 1;
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return cmpNum(Number(x), Number(y));
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return cmpNum(pa.length, pb.length);
};

const PEP440 =
  /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?\s*$/i;

function pep440Key(v: string): number[] {
  const m = PEP440.exec(v);
  if (!m) throw new TemplateError(`Version comparison failed: Invalid version: '${v}'`);
  const release = (m[2] as string).split('.').map(Number);
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const preKind = m[3]?.toLowerCase();
  const preRank = preKind === undefined ? null : { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 }[preKind] ?? 2;
  const hasPost = m[5] !== undefined || m[6] !== undefined;
  const post = m[5] !== undefined ? Number(m[5]) : Number(m[7] || 0);
  const hasDev = m[8] !== undefined;
  const dev = Number(m[9] || 0);
  // key: epoch, release (padded), pre, post, dev — as packaging's _cmpkey
  const preKey = preRank === null ? (hasDev && !hasPost ? [-1, 0] : [9, 0]) : [preRank, Number(m[4] || 0)];
  const postKey = hasPost ? [1, post] : [0, 0];
  const devKey = hasDev ? [0, dev] : [1, 0];
  const padded = [...release, ...Array<number>(Math.max(0, 20 - release.length)).fill(0)];
  return [Number(m[1] || 0), ...padded, ...preKey, ...postKey, ...devKey];
}

/** packaging.version.Version ordering for release, pre, post and dev segments (local versions ignored). */
export const pep440Compare: Cmp = (a, b) => {
  const x = pep440Key(a);
  const y = pep440Key(b);
  for (let i = 0; i < x.length; i++) {
    const c = cmpNum(x[i] as number, y[i] as number);
    if (c) return c;
  }
  return 0;
};

export const VERSION_TYPES: Record<string, Cmp> = {
  loose: looseCompare,
  strict: strictCompare,
  semver: semverCompare,
  semantic: semverCompare,
  pep440: pep440Compare,
};

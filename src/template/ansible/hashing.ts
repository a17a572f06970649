// hash/md5/sha1/checksum/password_hash/to_uuid filters.
import { createHash } from 'node:crypto';
import { pyStr, TemplateError } from '../values.js';
import type { FilterFn } from '../values.js';
import { md5Crypt, randomSalt, shaCrypt } from './crypt.js';

const NODE_HASH: Record<string, string> = {
  md5: 'md5', sha1: 'sha1', sha224: 'sha224', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512',
  sha3_224: 'sha3-224', sha3_256: 'sha3-256', sha3_384: 'sha3-384', sha3_512: 'sha3-512',
  blake2b: 'blake2b512', blake2s: 'blake2s256', sha512_224: 'sha512-224', sha512_256: 'sha512-256',
};

export function hexDigest(hashtype: string, data: string | Buffer): string {
  const algo = NODE_HASH[hashtype.toLowerCase()];
  if (!algo) throw new TemplateError(`unsupported hash type ${hashtype}`);
  return createHash(algo).update(data).digest('hex');
}

/** hash('sha1'): hashlib.new(hashtype) over the UTF-8 text. */
export const hash: FilterFn = (value, args, kwargs) => hexDigest(pyStr(kwargs.hashtype ?? args[0] ?? 'sha1'), pyStr(value));
export const md5: FilterFn = (value) => hexDigest('md5', pyStr(value));
export const sha1: FilterFn = (value) => hexDigest('sha1', pyStr(value));

const ALGORITHMS: Record<string, { saltSize: number; implicitRounds: number | null }> = {
  md5_crypt: { saltSize: 8, implicitRounds: null },
  sha256_crypt: { saltSize: 16, implicitRounds: 535000 },
  sha512_crypt: { saltSize: 16, implicitRounds: 656000 },
};

/** What Ansible (with passlib, as on the reference controller) produces: rounds default to 535000/656000 and are printed. */
export function cryptHash(secret: string, algorithm: string, salt: string | null, rounds: number | null): string {
  const algo = ALGORITHMS[algorithm];
  if (!algo) throw new TemplateError(`passlib does not support '${algorithm}' algorithm`);
  const theSalt = salt === null || salt === '' ? randomSalt(algo.saltSize) : salt;
  if (/[^./0-9A-Za-z]/.test(theSalt)) throw new TemplateError(`Could not hash the secret.. invalid characters in ${algorithm} salt`);
  if (theSalt.length > algo.saltSize) {
    throw new TemplateError(`Could not hash the secret.. salt too large (${algorithm} requires <= ${algo.saltSize} chars)`);
  }
  if (algorithm === 'md5_crypt') return md5Crypt(secret, theSalt);
  const n = rounds ?? algo.implicitRounds;
  // passlib leaves out rounds=5000, the SHA-crypt default
  return shaCrypt(algorithm === 'sha256_crypt' ? 'sha256' : 'sha512', secret, theSalt, n === 5000 ? null : n);
}

/** password_hash(hashtype='sha512', salt=None, salt_size=None, rounds=None). */
export const passwordHash: FilterFn = (value, args, kwargs) => {
  const type = pyStr(kwargs.hashtype ?? args[0] ?? 'sha512');
  const mapped = ({ md5: 'md5_crypt', sha256: 'sha256_crypt', sha512: 'sha512_crypt', blowfish: 'bcrypt' } as Record<string, string>)[type] ?? type;
  const saltArg = kwargs.salt ?? args[1] ?? null;
  const roundsArg = kwargs.rounds ?? args[3] ?? null;
  return cryptHash(pyStr(value), mapped, saltArg === null ? null : pyStr(saltArg), roundsArg === null ? null : Number(roundsArg));
};

const UUID_NAMESPACE_ANSIBLE = '361E6D51-FAEC-444A-9079-341386DA8E2E';

/** to_uuid(namespace=Ansible's): uuid5. */
export const toUuid: FilterFn = (value, args, kwargs) => {
  const namespace = pyStr(kwargs.namespace ?? args[0] ?? UUID_NAMESPACE_ANSIBLE);
  const hex = namespace.replace(/^urn:uuid:/i, '').replace(/[{}-]/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) {
    throw new TemplateError(`Invalid value '${namespace}' for 'namespace': badly formed hexadecimal UUID string`);
  }
  const digest = createHash('sha1').update(Buffer.from(hex, 'hex')).update(pyStr(value), 'utf8').digest();
  digest[6] = ((digest[6] as number) & 0x0f) | 0x50;
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80;
  const h = digest.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

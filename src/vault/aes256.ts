import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { VaultError } from './vault-error.js';

const KEY_LENGTH = 32;
const IV_LENGTH = 16;
const ITERATIONS = 10000;
const BLOCK = 16;

interface Keys {
  cipherKey: Buffer;
  hmacKey: Buffer;
  iv: Buffer;
}

/** PBKDF2-HMAC-SHA256, 10000 rounds, 80 bytes: AES key, HMAC key, CTR counter block (VaultAES256._gen_key_initctr). */
function deriveKeys(secret: Buffer, salt: Buffer): Keys {
  const dk = pbkdf2Sync(secret, salt, ITERATIONS, 2 * KEY_LENGTH + IV_LENGTH, 'sha256');
  return { cipherKey: dk.subarray(0, KEY_LENGTH), hmacKey: dk.subarray(KEY_LENGTH, 2 * KEY_LENGTH), iv: dk.subarray(2 * KEY_LENGTH) };
}

function pkcs7Pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

function pkcs7Unpad(data: Buffer): Buffer {
  const n = data.length > 0 ? data[data.length - 1]! : 0;
  if (n < 1 || n > BLOCK || n > data.length) throw new VaultError('Invalid padding bytes.');
  return data.subarray(0, data.length - n);
}

function hexToBytes(hex: string, what: string): Buffer {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new VaultError(`Vault format unhexlify error: ${hex.length % 2 ? 'Odd-length string' : 'Non-hexadecimal digit found'} (${what})`);
  }
  return Buffer.from(hex, 'hex');
}

/** The vault body (outer hex, without line breaks) of the plaintext: hexlify(salt_hex \n hmac_hex \n ciphertext_hex). */
export function encryptAes256(plaintext: Buffer, secret: Buffer, salt: Buffer = randomBytes(32)): string {
  const { cipherKey, hmacKey, iv } = deriveKeys(secret, salt);
  const cipher = createCipheriv('aes-256-ctr', cipherKey, iv);
  const ciphertext = Buffer.concat([cipher.update(pkcs7Pad(plaintext)), cipher.final()]);
  const hmac = createHmac('sha256', hmacKey).update(ciphertext).digest('hex');
  const inner = `${salt.toString('hex')}\n${hmac}\n${ciphertext.toString('hex')}`;
  return Buffer.from(inner, 'ascii').toString('hex');
}

/** The plaintext, or undefined when the HMAC says this secret is not the one (Ansible then tries the next). */
export function decryptAes256(bodyHex: string, secret: Buffer): Buffer | undefined {
  const inner = hexToBytes(bodyHex, 'vaulttext').toString('latin1');
  const first = inner.indexOf('\n');
  const second = first < 0 ? -1 : inner.indexOf('\n', first + 1);
  if (second < 0) throw new VaultError('Vault vaulttext format error: not enough values to unpack (expected 3, got ' + (first < 0 ? 1 : 2) + ')');
  const salt = hexToBytes(inner.slice(0, first), 'salt');
  const hmac = hexToBytes(inner.slice(first + 1, second), 'hmac');
  const ciphertext = hexToBytes(inner.slice(second + 1), 'ciphertext');
  const { cipherKey, hmacKey, iv } = deriveKeys(secret, salt);
  const expected = createHmac('sha256', hmacKey).update(ciphertext).digest();
  if (hmac.length !== expected.length || !timingSafeEqual(hmac, expected)) return undefined;
  const decipher = createDecipheriv('aes-256-ctr', cipherKey, iv);
  return pkcs7Unpad(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
}

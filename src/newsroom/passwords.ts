import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

// OWASP's scrypt minimum is N=2^17, r=8, p=1; 128·N·r bytes = 128 MiB needs maxmem raised.
const N = 2 ** 17;
const r = 8;
const p = 1;
const keyLength = 32;
const maxmem = 256 * 1024 * 1024;

/** `scrypt$N$r$p$salt$hash`, so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(rr),
    p: Number(pp),
    maxmem,
  });
  return timingSafeEqual(key, expected);
}

/** Longest password accepted (UTF-16 units); longer ones are refused before any hashing. */
export const passwordMaxLength = 1000;

/** Rules a new password must meet; returns what is wrong, or undefined. Gujarati passphrases are welcome. */
export function passwordProblem(password: string): string | undefined {
  if (password.length > passwordMaxLength) return `password must be at most ${passwordMaxLength} characters long`;
  if ([...password].length < 10) return 'password must be at least 10 characters long';
  return undefined;
}

/** SHA-256 of a random secret (session id, reset token): a stolen database yields no live one. */
export function secretHash(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** A random password for a new account, printed once. */
export function oneTimePassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * `pulumi config set` refuses to store a value in plaintext when it looks like a secret: a key named
 * like a password (`passwd|pass|password|pwd|secret|token`) and a value of high entropy (the CLI's
 * `looksLikeSecret`, which measures entropy with zxcvbn; here the value's character-class entropy of
 * its first 16 characters, with the CLI's thresholds). Pure.
 */
const KEY_PATTERN = /passwd|pass|password|pwd|secret|token/i;
const MAX_LENGTH = 16;
const ENTROPY_THRESHOLD = 80;
const PER_CHAR_THRESHOLD = 3;

function charsetSize(value: string): number {
  let size = 0;
  if (/[a-z]/.test(value)) size += 26;
  if (/[A-Z]/.test(value)) size += 26;
  if (/[0-9]/.test(value)) size += 10;
  if (/[^a-zA-Z0-9]/.test(value)) size += 33;
  return size;
}

/** Whether `value` under `name` (the key's name, without namespace) looks like a secret. */
export function looksLikeSecret(name: string, value: string): boolean {
  if (!KEY_PATTERN.test(name) || value.length === 0) return false;
  const v = value.slice(0, MAX_LENGTH);
  const perChar = Math.log2(Math.max(charsetSize(v), 1));
  const entropy = perChar * v.length;
  return entropy >= ENTROPY_THRESHOLD || (entropy >= ENTROPY_THRESHOLD / 2 && perChar >= PER_CHAR_THRESHOLD);
}

/**
 * The Pulumi CLI's passphrase secrets provider: AES-256-GCM with a key derived from the passphrase
 * by PBKDF2 (SHA-256, 1,000,000 iterations) over an 8-byte salt. A ciphertext is
 * `v1:<base64 nonce>:<base64 ciphertext+tag>`; the salt state `v1:<base64 salt>:<ciphertext of "pulumi">`
 * lets a wrong passphrase be detected. Mirrors `pkg/secrets/passphrase/manager.go` and
 * `sdk/go/common/resource/config/crypt.go` in pulumi/pulumi, so stacks move between this command and
 * the CLI.
 */
import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "./errors";

const ITERATIONS = 1_000_000;
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CHECK_TEXT = "pulumi";

/** Encrypts and decrypts values for one stack. */
export interface Crypter {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
}

/** A crypter with a given 32-byte key. */
export function symmetricCrypter(key: Buffer): Crypter {
  return {
    encrypt(plaintext) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, nonce);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
      return `v1:${nonce.toString("base64")}:${body.toString("base64")}`;
    },
    decrypt(ciphertext) {
      const parts = ciphertext.split(":");
      if (parts.length !== 3 || parts[0] !== "v1") throw new Error("bad value: not a v1 ciphertext");
      const nonce = Buffer.from(parts[1], "base64");
      const body = Buffer.from(parts[2], "base64");
      if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) throw new Error("bad value");
      const decipher = createDecipheriv("aes-256-gcm", key, nonce);
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
    },
  };
}

function keyOf(passphrase: string, salt: Buffer): Buffer {
  return pbkdf2Sync(Buffer.from(passphrase, "utf8"), salt, ITERATIONS, KEY_BYTES, "sha256");
}

/** A new salt state for a passphrase (what `pulumi stack init` writes as `encryptionsalt`). */
export function newPassphraseState(passphrase: string): { state: string; crypter: Crypter } {
  const salt = randomBytes(8);
  const crypter = symmetricCrypter(keyOf(passphrase, salt));
  return { state: `v1:${salt.toString("base64")}:${crypter.encrypt(CHECK_TEXT)}`, crypter };
}

/** The crypter of an existing salt state; throws IncorrectPassphraseError when the passphrase is wrong. */
export function passphraseCrypter(passphrase: string, state: string): Crypter {
  const [version, salt] = state.split(":", 2);
  if (version !== "v1" || !salt)
    throw new Error(`malformed encryption salt "${state}": expected v1:<salt>:<check>`);
  const crypter = symmetricCrypter(keyOf(passphrase, Buffer.from(salt, "base64")));
  const check = state.slice(state.indexOf(":", 3) + 1);
  let decrypted: string | undefined;
  try {
    decrypted = crypter.decrypt(check);
  } catch {
    decrypted = undefined;
  }
  if (decrypted !== CHECK_TEXT) throw new IncorrectPassphraseError();
  return crypter;
}

/** The passphrase does not open this stack's secrets. */
export class IncorrectPassphraseError extends UsageError {
  constructor() {
    super(
      "incorrect passphrase: set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the passphrase " +
        "this stack's secrets were encrypted with",
    );
    this.name = "IncorrectPassphraseError";
  }
}

/** The passphrase from PULUMI_CONFIG_PASSPHRASE or the file PULUMI_CONFIG_PASSPHRASE_FILE names, if set. */
export function passphraseFromEnvironment(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PULUMI_CONFIG_PASSPHRASE !== undefined) return env.PULUMI_CONFIG_PASSPHRASE;
  const file = env.PULUMI_CONFIG_PASSPHRASE_FILE;
  if (file) return readFileSync(resolve(file), "utf8").trim();
  return undefined;
}

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError } from "./errors";

/** Secret names: letters, digits and underscores, starting with a letter. */
const SECRET_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Secrets for a session, by name; scripts read them with `Get-HvSecret -Name <name>`. */
export type Secrets = Readonly<Record<string, string>>;

/** Throws unless every secret has a valid name and a string value. */
export function validateSecrets(secrets: Secrets): void {
  for (const [name, value] of Object.entries(secrets)) {
    if (!SECRET_NAME.test(name)) {
      throw new InvalidArgumentError(
        `secrets: '${name}' is not a valid secret name; use letters, digits and underscores.`,
      );
    }
    if (typeof value !== "string") throw new InvalidArgumentError(`secrets.${name}: must be a string.`);
  }
}

/**
 * A file only the current user can read, holding the secrets as JSON. The session deletes it as soon as
 * it has read it; `dispose()` removes whatever is left (e.g. when pwsh never started).
 */
export interface SecretsFile {
  path: string;
  dispose(): void;
}

/** Writes the secrets to a fresh 0600 file in a fresh 0700 directory; `undefined` when there are none. */
export function writeSecretsFile(secrets: Secrets): SecretsFile | undefined {
  if (Object.keys(secrets).length === 0) return undefined;
  const directory = mkdtempSync(join(tmpdir(), "hyperv-ps-"));
  const path = join(directory, "secrets.json");
  writeFileSync(path, JSON.stringify(secrets), { mode: 0o600, flag: "wx" });
  return { path, dispose: () => rmSync(directory, { recursive: true, force: true }) };
}

/** Replaces every occurrence of a secret value in `text` with `***` (for messages, stderr and warnings). */
export function redact(text: string, secrets: Secrets): string {
  let result = text;
  for (const value of Object.values(secrets)) {
    if (value.length > 0) result = result.split(value).join("***");
  }
  return result;
}

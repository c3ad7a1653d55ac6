/**
 * The stack's checkpoint: `.pulumi-hyperv/stacks/<stack>.json` in the project directory, in the
 * shape `pulumi stack export` prints (version 3), so `pulumi stack import` takes it. Written
 * atomically (temporary file + rename); secrets are encrypted with the stack's passphrase crypter
 * and never written in plaintext.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../errors";
import type { Crypter } from "../secrets";
import { parseCheckpointDocument, undecryptableSecretError } from "./checkpoint-document";
import { writePrivateFile } from "./private-file";
import { isPlainObject, isSecret, SECRET_SIG, SIG, type PropertyMap } from "./properties";
import { compactState, type PendingOperation, type ResourceState, type Snapshot } from "./state";

/** The engine version the manifest names (the `@pulumi/pulumi` SDK the command drives). */
export const ENGINE_VERSION: string = (
  JSON.parse(readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }
).version;

/** The deployment document (`apitype.UntypedDeployment` with a `DeploymentV3`). */
export interface DeploymentDocument {
  version: 3;
  deployment: {
    manifest: { time: string; magic: string; version: string };
    secrets_providers?: { type: string; state?: unknown };
    resources?: ResourceState[];
    pending_operations?: PendingOperation[];
  };
}

/** Where a stack's checkpoint lives. */
export function checkpointPath(projectDir: string, stack: string): string {
  return join(projectDir, ".pulumi-hyperv", "stacks", `${stack}.json`);
}

/** How the checkpoint reaches the stack's crypter (lazily: only a stack with secrets needs one). */
export interface SecretsAccess {
  crypter(): Crypter;
  /** The `encryptionsalt` state the crypter uses, recorded as the secrets provider's state. */
  salt(): string | undefined;
}

function mapSecrets(value: unknown, fn: (secret: PropertyMap) => unknown): unknown {
  if (isSecret(value)) return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapSecrets(v, fn));
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapSecrets(v, fn)]));
  return value;
}

/** A state with its secrets encrypted, as the checkpoint and the journal hold it. */
export function encryptState(state: ResourceState, secrets: SecretsAccess): ResourceState {
  const encrypt = (s: PropertyMap) => ({
    [SIG]: SECRET_SIG,
    ciphertext: secrets.crypter().encrypt(JSON.stringify(s.value)),
  });
  return {
    ...state,
    ...(state.inputs && { inputs: mapSecrets(state.inputs, encrypt) as PropertyMap }),
    ...(state.outputs && { outputs: mapSecrets(state.outputs, encrypt) as PropertyMap }),
  };
}

/** A state as read from the checkpoint or the journal, its secrets decrypted. */
export function decryptState(state: ResourceState, secrets: SecretsAccess): ResourceState {
  const decrypt = (s: PropertyMap) => {
    const value =
      typeof s.ciphertext === "string"
        ? JSON.parse(secrets.crypter().decrypt(s.ciphertext))
        : JSON.parse(String(s.plaintext));
    return { [SIG]: SECRET_SIG, value };
  };
  return {
    ...state,
    ...(state.inputs && { inputs: mapSecrets(state.inputs, decrypt) as PropertyMap }),
    ...(state.outputs && { outputs: mapSecrets(state.outputs, decrypt) as PropertyMap }),
  };
}

/** The deployment document of a snapshot, secrets encrypted. */
export function toDeployment(snapshot: Snapshot, secrets: SecretsAccess): DeploymentDocument {
  const resources = snapshot.resources.map((r) => compactState(encryptState(r, secrets)));
  const pending = snapshot.pendingOperations.map((p) => ({
    resource: compactState(encryptState(p.resource, secrets)),
    type: p.type,
  }));
  const salt = secrets.salt();
  return {
    version: 3,
    deployment: {
      manifest: {
        time: new Date().toISOString(),
        magic: createHash("sha256").update(ENGINE_VERSION).digest("hex"),
        version: ENGINE_VERSION,
      },
      ...(salt && { secrets_providers: { type: "passphrase", state: { salt } } }),
      ...(resources.length > 0 && { resources }),
      ...(pending.length > 0 && { pending_operations: pending }),
    },
  };
}

/** Reads a stack's checkpoint (absent: an empty snapshot). */
export function readCheckpoint(file: string, secrets: SecretsAccess): Snapshot {
  if (!existsSync(file)) return { resources: [], pendingOperations: [] };
  const doc = parseCheckpointDocument(file, readFileSync(file, "utf8"));
  const decrypt = (state: ResourceState) => {
    try {
      return decryptState(state, secrets);
    } catch (error) {
      // A missing or wrong passphrase has its own error; anything else is a value that does not decrypt.
      if (error instanceof UsageError) throw error;
      throw undecryptableSecretError(file, state.urn);
    }
  };
  return {
    resources: (doc.deployment.resources ?? []).map(decrypt),
    pendingOperations: (doc.deployment.pending_operations ?? []).map((p) => ({
      resource: decrypt(p.resource),
      type: p.type,
    })),
  };
}

/** Writes the checkpoint atomically (readers see the old or the new file, never half of one), owner-only (0600). */
export function writeCheckpoint(file: string, snapshot: Snapshot, secrets: SecretsAccess): void {
  const text = JSON.stringify(toDeployment(snapshot, secrets), null, 4) + "\n";
  writePrivateFile(file, text);
}

/**
 * `stack export` prints the stack's checkpoint document (the `pulumi stack export` format it is kept
 * in); `stack import` checks a document (shape and snapshot integrity) and only then replaces the
 * stack's state with it, its secrets re-encrypted with this stack's passphrase
 * (pulumi/pulumi `pkg/cmd/pulumi/stack/stack_{export,import}.go`).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parseArgs, type FlagSpec } from "../../args";
import {
  checkpointPath,
  readCheckpoint,
  toDeployment,
  writeCheckpoint,
  type SecretsAccess,
} from "../../engine/checkpoint";
import { acquireLock } from "../../engine/lock";
import type { Snapshot } from "../../engine/state";
import { UsageError } from "../../errors";
import { deploymentShapeErrors, snapshotIntegrityErrors } from "../../deployment-document";
import { loadStackConfig } from "../../project";
import { setEncryptionSalt } from "../../stack-file";
import { passphraseCrypter, passphraseFromEnvironment } from "../../secrets";
import { resolveStack } from "../../stacks";
import { CWD_FLAG, projectOf, stackFlag } from "./common";
import type { Subcommand } from "./subcommand";

const EXPORT_FLAGS: FlagSpec[] = [
  CWD_FLAG,
  stackFlag(),
  { name: "file", kind: "string", value: "FILE", description: "A filename to write stack output to" },
];

export const exportStack: Subcommand = {
  usage: "stack export [flags]",
  summary: "Export a stack's deployment to standard out",
  flags: EXPORT_FLAGS,
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, EXPORT_FLAGS, "stack export");
    if (positionals.length > 0) throw new UsageError(`"stack export" takes no arguments`);
    const project = projectOf(flags);
    const stack = resolveStack(project, flags.stack as string | undefined);
    const file = checkpointPath(project.dir, stack);
    const text = existsSync(file)
      ? readFileSync(file, "utf8")
      : `${JSON.stringify(toDeployment({ resources: [], pendingOperations: [] }, noSecrets()), null, 4)}\n`;
    if (flags.file !== undefined) writeFileSync(flags.file as string, text);
    else process.stdout.write(text);
    return 0;
  },
};

function noSecrets(salt?: string): SecretsAccess {
  return {
    crypter: () => {
      throw new UsageError("the deployment holds secrets but names no passphrase salt to decrypt them");
    },
    salt: () => salt,
  };
}

/** The passphrase salt a document's secrets were encrypted with, if it names one. */
function documentSalt(doc: Record<string, unknown>): string | undefined {
  const providers = (doc.deployment as { secrets_providers?: { type?: string; state?: { salt?: unknown } } })
    .secrets_providers;
  if (!providers) return undefined;
  if (providers.type !== "passphrase")
    throw new UsageError(
      `the deployment's secrets provider is "${providers.type}": only the passphrase provider is supported`,
    );
  return typeof providers.state?.salt === "string" ? providers.state.salt : undefined;
}

/**
 * The snapshot of a deployment document, secrets decrypted with the passphrase and the document's
 * salt; throws a UsageError listing what is wrong with it. The one place an imported state is judged.
 */
export function snapshotOfDocument(doc: unknown, scratchFile: string): { snapshot: Snapshot; salt?: string } {
  const shape = deploymentShapeErrors(doc);
  if (shape.length > 0) throw new UsageError(`the deployment is not valid:\n  ${shape.join("\n  ")}`);
  const salt = documentSalt(doc as Record<string, unknown>);
  let crypter: ReturnType<typeof passphraseCrypter> | undefined;
  const secrets: SecretsAccess = {
    crypter: () => {
      if (salt === undefined) return noSecrets().crypter();
      const passphrase = passphraseFromEnvironment();
      if (passphrase === undefined)
        throw new UsageError(
          "the deployment holds secrets: set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the passphrase they were encrypted with",
        );
      crypter ??= passphraseCrypter(passphrase, salt);
      return crypter;
    },
    salt: () => salt,
  };
  writeFileSync(scratchFile, JSON.stringify(doc));
  let snapshot: Snapshot;
  try {
    snapshot = readCheckpoint(scratchFile, secrets);
  } finally {
    rmSync(scratchFile, { force: true });
  }
  const integrity = snapshotIntegrityErrors(snapshot);
  if (integrity.length > 0)
    throw new UsageError(`the deployment's snapshot is not sound:\n  ${integrity.join("\n  ")}`);
  return { snapshot, ...(salt !== undefined && { salt }) };
}

const IMPORT_FLAGS: FlagSpec[] = [
  CWD_FLAG,
  stackFlag(),
  { name: "file", kind: "string", value: "FILE", description: "A filename to read stack input from" },
];

export const importStack: Subcommand = {
  usage: "stack import [flags]",
  summary: "Import a deployment from standard in into an existing stack",
  flags: IMPORT_FLAGS,
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, IMPORT_FLAGS, "stack import");
    if (positionals.length > 0) throw new UsageError(`"stack import" takes no arguments`);
    const project = projectOf(flags);
    const stack = resolveStack(project, flags.stack as string | undefined);
    const source = (flags.file as string | undefined) ?? "standard input";
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(flags.file === undefined ? 0 : (flags.file as string), "utf8"));
    } catch (e) {
      throw new UsageError(`could not read the deployment from ${source}: ${(e as Error).message}`);
    }
    const file = checkpointPath(project.dir, stack);
    const lock = acquireLock(file.replace(/\.json$/, ".lock"), "stack import");
    try {
      const { snapshot, salt } = snapshotOfDocument(doc, `${file}.${process.pid}.import`);
      // A stack without a passphrase salt takes the deployment's, as the CLI adopts its secrets provider.
      let config = loadStackConfig(project, stack);
      if (config.encryptionSalt() === undefined && salt !== undefined) {
        setEncryptionSalt(project, stack, salt);
        config = loadStackConfig(project, stack);
      }
      writeCheckpoint(file, snapshot, {
        crypter: () => config.crypter(),
        salt: () => config.encryptionSalt(),
      });
    } finally {
      lock.release();
    }
    process.stdout.write("Import complete.\n");
    return 0;
  },
};

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
import { deploymentShapeErrors } from "../../deployment-document";
import { journalPath, readStackState } from "../../engine/backend/checkpoint-store";
import { verifyIntegrity } from "../../engine/deploy/integrity";
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
    let text: string;
    if (existsSync(journalPath(file))) {
      // A killed run left steps in its journal: the export includes them.
      const config = loadStackConfig(project, stack);
      const secrets = { crypter: () => config.crypter(), salt: () => config.encryptionSalt() };
      text = `${JSON.stringify(toDeployment(readStackState(file, secrets, true), secrets), null, 4)}\n`;
    } else if (existsSync(file)) text = readFileSync(file, "utf8");
    else
      text = `${JSON.stringify(toDeployment({ resources: [], pendingOperations: [] }, noSecrets()), null, 4)}\n`;
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
 * salt; throws a UsageError listing what is wrong with its shape.
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
  return { snapshot, ...(salt !== undefined && { salt }) };
}

/**
 * What makes importing a snapshot into `stack` dangerous (pulumi/pulumi `stack/io.go` `SaveSnapshot`):
 * resources of another stack, and the snapshot's integrity errors. The one place an imported state's
 * soundness is judged.
 */
export function importProblems(snapshot: Snapshot, stack: string): string[] {
  const problems: string[] = [];
  for (const r of snapshot.resources) {
    const urnStack = /^urn:pulumi:([^:]*)::/.exec(r.urn)?.[1];
    if (urnStack !== stack)
      problems.push(`resource '${r.urn}' is from a different stack (${urnStack ?? "?"} != ${stack})`);
  }
  try {
    verifyIntegrity(snapshot);
  } catch (e) {
    problems.push(`state file contains errors: ${(e as Error).message}`);
  }
  return problems;
}

const IMPORT_FLAGS: FlagSpec[] = [
  CWD_FLAG,
  stackFlag(),
  { name: "file", kind: "string", value: "FILE", description: "A filename to read stack input from" },
  {
    name: "force",
    short: "f",
    kind: "boolean",
    description:
      "Force the import to occur, even if apparent errors are discovered beforehand (not recommended)",
  },
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
      const problems = importProblems(snapshot, stack);
      if (problems.length > 0 && flags.force !== true) {
        throw new UsageError(
          `${problems.join("\n")}\nimporting this file could be dangerous; rerun with --force to proceed anyway`,
        );
      }
      for (const problem of problems) process.stderr.write(`warning: ${problem}\n`);
      for (const op of snapshot.pendingOperations)
        process.stderr.write(
          `warning: removing pending operation '${op.type}' on '${op.resource.urn}' from snapshot\n`,
        );
      snapshot.pendingOperations = [];
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

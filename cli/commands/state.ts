/**
 * `pulumi-hyperv state unprotect <urn>...|--all` and `pulumi-hyperv state delete <urn> [--force]`: the
 * Pulumi CLI's `pulumi state unprotect` and `pulumi state delete`, on the stack's checkpoint, under the
 * stack lock. Interactive terminals confirm first, as the CLI does (`--yes` skips it).
 */
import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { flagHelp, parseArgs, type FlagSpec } from "../args";
import { checkpointPath, readCheckpoint, writeCheckpoint } from "../engine/checkpoint";
import { acquireLock } from "../engine/lock";
import { deleteFromState, StateEditError, unprotect, unprotectAll } from "../engine/state-edit";
import type { Snapshot } from "../engine/state";
import { UsageError } from "../errors";
import { selectStack } from "../operation";
import { loadProject, loadStackConfig } from "../project";
import type { Command } from "./command";

const COMMON: FlagSpec[] = [
  { name: "cwd", short: "C", kind: "string", value: "DIR", description: "Run in this project directory" },
  {
    name: "stack",
    short: "s",
    kind: "string",
    value: "NAME",
    description: "The name of the stack to operate on (Pulumi.<stack>.yaml)",
  },
  { name: "yes", short: "y", kind: "boolean", description: "Skip confirmation prompts" },
];

const UNPROTECT_FLAGS: FlagSpec[] = [
  ...COMMON,
  { name: "all", kind: "boolean", description: "Unprotect all resources in the checkpoint" },
];

const DELETE_FLAGS: FlagSpec[] = [
  ...COMMON,
  { name: "force", kind: "boolean", description: "Force deletion of protected resources" },
];

const USAGE =
  "Usage: pulumi-hyperv state unprotect <urn>... | --all [flags]\n" +
  "       pulumi-hyperv state delete <urn> [--force] [flags]";

async function confirmed(yes: boolean): Promise<boolean> {
  if (
    yes ||
    process.env.PULUMI_SKIP_CONFIRMATIONS === "true" ||
    !process.stdin.isTTY ||
    !process.stdout.isTTY
  ) {
    return true;
  }
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question(
      "warning: This command will edit your stack's state directly. Confirm? [y/N] ",
    );
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    prompt.close();
  }
}

/** Reads the stack's checkpoint under its lock, applies `edit`, writes the result. */
async function editState(
  flags: Record<string, unknown>,
  command: string,
  edit: (snapshot: Snapshot, stateFile: string) => { snapshot: Snapshot; message: string },
): Promise<number> {
  const project = loadProject(resolve((flags.cwd as string | undefined) ?? process.cwd()));
  const stack = selectStack(project, flags.stack as string | undefined);
  const config = loadStackConfig(project, stack);
  const file = checkpointPath(project.dir, stack);
  const secrets = { crypter: () => config.crypter(), salt: () => config.encryptionSalt() };
  if (!(await confirmed(flags.yes === true))) {
    process.stdout.write("confirmation declined\n");
    return 1;
  }
  const lock = acquireLock(file.replace(/\.json$/, ".lock"), command);
  try {
    const result = edit(readCheckpoint(file, secrets), file);
    writeCheckpoint(file, result.snapshot, secrets);
    process.stdout.write(`${result.message}\n`);
    return 0;
  } catch (e) {
    if (e instanceof StateEditError) throw new UsageError(e.message);
    throw e;
  } finally {
    lock.release();
  }
}

async function unprotectCommand(argv: string[]): Promise<number> {
  const { flags, positionals } = parseArgs(argv, UNPROTECT_FLAGS, "state unprotect");
  if (flags.all && positionals.length > 0) {
    throw new UsageError("cannot specify a resource URN when unprotecting all resources (--all)");
  }
  if (!flags.all && positionals.length === 0) {
    throw new UsageError("state unprotect needs the URN of the resource to unprotect, or --all");
  }
  return editState(flags, "state unprotect", (snapshot, stateFile) => {
    if (snapshot.resources.length === 0) throw new StateEditError("no resources found to unprotect");
    if (flags.all) return { snapshot: unprotectAll(snapshot), message: "All resources unprotected" };
    const result = unprotect(snapshot, positionals, stateFile);
    return { snapshot: result.snapshot, message: `${result.count} resources unprotected` };
  });
}

async function deleteCommand(argv: string[]): Promise<number> {
  const { flags, positionals } = parseArgs(argv, DELETE_FLAGS, "state delete");
  if (positionals.length !== 1) {
    throw new UsageError(
      `state delete takes the URN of one resource (got ${positionals.length}); single-quote it so the shell leaves it alone`,
    );
  }
  return editState(flags, "state delete", (snapshot, stateFile) => ({
    snapshot: deleteFromState(snapshot, positionals[0], {
      force: flags.force === true,
      stateFile,
      warn: (message) => process.stderr.write(`warning: ${message}\n`),
    }),
    message: "Resource deleted",
  }));
}

export const state: Command = {
  summary: "Edit the stack's state: `state unprotect <urn>|--all`, `state delete <urn> [--force]`",
  help: () =>
    `${USAGE}\n\nunprotect clears the 'protect' bit on resources, so that they can be deleted.\n` +
    "delete removes a resource from the state (not from the host), unless it is protected (--force) " +
    `or other resources depend on it.\n\nunprotect:\n${flagHelp(UNPROTECT_FLAGS)}\ndelete:\n${flagHelp(DELETE_FLAGS)}`,
  run: async (argv) => {
    const [sub, ...rest] = argv;
    if (sub === "unprotect") return unprotectCommand(rest);
    if (sub === "delete" || sub === "remove" || sub === "rm") return deleteCommand(rest);
    throw new UsageError(`unknown "state" subcommand "${sub ?? ""}": ${USAGE}`);
  },
};

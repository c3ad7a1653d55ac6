/**
 * `stack init`, `stack select`, `stack ls` and `stack rm`, with the Pulumi CLI's flags, messages and
 * output (pulumi/pulumi `pkg/cmd/pulumi/stack/stack_{new,select,list,remove}.go`).
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { parseArgs, type FlagSpec, type FlagValues } from "../../args";
import { checkpointPath, type DeploymentDocument } from "../../engine/checkpoint";
import { acquireLock } from "../../engine/lock";
import { StackNotFoundError, UsageError } from "../../errors";
import { readHistory, removeHistory } from "../../history";
import { humanizeTime, renderTable } from "../../output/table";
import {
  currentStack,
  initStack,
  resolveStack,
  setCurrentStack,
  stackExists,
  stackFilePath,
  stackNames,
  validateStackName,
} from "../../stacks";
import { ask, CWD_FLAG, projectOf, stackArgument, stackFlag } from "./common";
import type { Subcommand } from "./subcommand";

const INIT_FLAGS: FlagSpec[] = [
  CWD_FLAG,
  stackFlag("The name of the stack to create"),
  { name: "no-select", kind: "boolean", description: "Do not select the stack" },
];

export const init: Subcommand = {
  usage: "stack init [<stack-name>] [flags]",
  summary: "Create an empty stack with the given name, ready for updates",
  flags: INIT_FLAGS,
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, INIT_FLAGS, "stack init");
    const name = stackArgument(flags, positionals, "stack init");
    if (name === undefined) throw new UsageError("missing stack name: pulumi-hyperv stack init <stack-name>");
    const project = projectOf(flags);
    initStack(project, name, flags["no-select"] !== true);
    process.stdout.write(`Created stack '${name}'\n`);
    return 0;
  },
};

const SELECT_FLAGS: FlagSpec[] = [
  CWD_FLAG,
  stackFlag("The name of the stack to select"),
  { name: "create", short: "c", kind: "boolean", description: "If selected stack does not exist, create it" },
];

export const select: Subcommand = {
  usage: "stack select [<stack>] [flags]",
  summary: "Switch the current workspace to the given stack",
  flags: SELECT_FLAGS,
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, SELECT_FLAGS, "stack select");
    const name = stackArgument(flags, positionals, "stack select");
    const project = projectOf(flags);
    if (name === undefined) {
      throw new StackNotFoundError(
        `no stack selected; specify a stack name with --stack (the stacks are ${stackNames(project.dir).join(", ") || "none"})`,
      );
    }
    validateStackName(name);
    if (!stackExists(project.dir, name)) {
      if (flags.create !== true) resolveStack(project, name); // throws: no stack named ...
      initStack(project, name, false);
      process.stdout.write(`Created stack '${name}'\n`);
    }
    setCurrentStack(project.dir, name);
    return 0;
  },
};

const LS_FLAGS: FlagSpec[] = [
  CWD_FLAG,
  { name: "json", short: "j", kind: "boolean", description: "Emit output as JSON" },
];

/** One row of `stack ls` (`stackSummaryJSON`). */
export interface StackSummary {
  name: string;
  current: boolean;
  lastUpdate?: string;
  resourceCount?: number;
}

/** The project's stacks as `stack ls --json` lists them. */
export function stackSummaries(projectDir: string): StackSummary[] {
  const current = currentStack(projectDir);
  return stackNames(projectDir).map((name) => {
    const file = checkpointPath(projectDir, name);
    const last = readHistory(projectDir, name).find((u) => u.endTime !== undefined);
    const doc = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DeploymentDocument) : undefined;
    return {
      name,
      current: name === current,
      ...(last?.endTime !== undefined && { lastUpdate: new Date(last.endTime * 1000).toISOString() }),
      ...(doc && { resourceCount: doc.deployment.resources?.length ?? 0 }),
    };
  });
}

/** The console table of `stack ls`. */
export function renderStackList(stacks: StackSummary[], now = new Date()): string {
  return renderTable(
    ["NAME", "LAST UPDATE", "RESOURCE COUNT"],
    stacks.map((s) => [
      s.current ? `${s.name}*` : s.name,
      s.lastUpdate ? humanizeTime(new Date(s.lastUpdate), now) : "n/a",
      s.resourceCount === undefined ? "n/a" : String(s.resourceCount),
    ]),
  );
}

export const ls: Subcommand = {
  usage: "stack ls [flags]",
  summary: "List stacks",
  flags: LS_FLAGS,
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, LS_FLAGS, "stack ls");
    if (positionals.length > 0) throw new UsageError(`"stack ls" takes no arguments`);
    const stacks = stackSummaries(projectOf(flags).dir);
    process.stdout.write(flags.json ? `${JSON.stringify(stacks, null, 4)}\n` : renderStackList(stacks));
    return 0;
  },
};

const RM_FLAGS: FlagSpec[] = [
  CWD_FLAG,
  stackFlag(),
  {
    name: "force",
    short: "f",
    kind: "boolean",
    description: "Forces deletion of the stack, leaving behind any resources managed by the stack",
  },
  {
    name: "yes",
    short: "y",
    kind: "boolean",
    description: "Skip confirmation prompts, and proceed with removal anyway",
  },
  {
    name: "preserve-config",
    kind: "boolean",
    description: "Do not delete the corresponding Pulumi.<stack-name>.yaml configuration file for the stack",
  },
];

export const rm: Subcommand = {
  usage: "stack rm [<stack-name>] [flags]",
  summary: "Remove a stack and its configuration",
  flags: RM_FLAGS,
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, RM_FLAGS, "stack rm");
    const project = projectOf(flags);
    const stack = resolveStack(project, stackArgument(flags, positionals, "stack rm"));
    if (flags.yes !== true) {
      if (!process.stdin.isTTY)
        throw new UsageError("--yes must be passed in to proceed when running in non-interactive mode");
      process.stdout.write(`This will permanently remove the '${stack}' stack!\n`);
      const typed = await ask(`Please confirm that this is what you'd like to do by typing \`${stack}\`: `);
      if (typed !== stack) {
        process.stdout.write("confirmation declined\n");
        return 1;
      }
    }
    const file = checkpointPath(project.dir, stack);
    const lock = acquireLock(file.replace(/\.json$/, ".lock"), "stack rm");
    try {
      removeStack(project.dir, stack, file, flags);
    } finally {
      lock.release();
    }
    process.stdout.write(`Stack '${stack}' has been removed!\n`);
    return 0;
  },
};

function removeStack(dir: string, stack: string, file: string, flags: FlagValues): void {
  if (existsSync(file) && flags.force !== true) {
    const resources = (JSON.parse(readFileSync(file, "utf8")) as DeploymentDocument).deployment.resources;
    if ((resources?.length ?? 0) > 0) {
      throw new Error(
        `'${stack}' still has resources; removal rejected. Possible actions:\n` +
          `- Make sure that '${stack}' is the stack that you want to destroy\n` +
          "- Run `pulumi-hyperv destroy` to delete the resources, then run `pulumi-hyperv stack rm`\n" +
          "- Run `pulumi-hyperv stack rm --force` to override this error",
      );
    }
  }
  rmSync(file, { force: true });
  removeHistory(dir, stack);
  if (flags["preserve-config"] !== true) rmSync(stackFilePath(dir, stack), { force: true });
  if (currentStack(dir) === stack) setCurrentStack(dir, undefined);
}

/**
 * The project's stacks and the selected one, as the Pulumi CLI's local backend keeps them: a stack is
 * its checkpoint (`.pulumi-hyperv/stacks/<stack>.json`, created by `stack init`) or its committed
 * `Pulumi.<stack>.yaml`; the selected stack is remembered in the workspace file
 * `.pulumi-hyperv/workspace.json` (`{"stack": "dev"}`, the CLI's `workspaces/<project>-<hash>-workspace.json`).
 * `-s NAME` must name an existing stack, so a typo is an error instead of a second deployment.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseDocument } from "yaml";
import { checkpointPath, writeCheckpoint } from "./engine/checkpoint";
import { StackNotFoundError, UsageError } from "./errors";
import type { Project } from "./project";
import { newPassphraseState, passphraseFromEnvironment } from "./secrets";

/** The Pulumi CLI's rule for stack names (`tokens.ValidateStackName`); they also name files here. */
const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** Refuses a stack name the CLI refuses (and any that could leave the project directory). */
export function validateStackName(name: string): void {
  if (!STACK_NAME.test(name) || name === "." || name === "..") {
    throw new UsageError(
      `invalid stack name "${name}": a stack name may only contain alphanumeric, hyphens, underscores, or periods`,
    );
  }
}

/** The workspace file that remembers the selected stack. */
export function workspacePath(projectDir: string): string {
  return join(projectDir, ".pulumi-hyperv", "workspace.json");
}

/** The stack file of a stack (`Pulumi.<stack>.yaml`). */
export function stackFilePath(projectDir: string, stack: string): string {
  return join(projectDir, `Pulumi.${stack}.yaml`);
}

/** The project's stacks, sorted: those with a checkpoint and those with a stack file. */
export function stackNames(projectDir: string): string[] {
  const names = new Set<string>();
  const stacksDir = dirname(checkpointPath(projectDir, "x"));
  if (existsSync(stacksDir)) {
    for (const f of readdirSync(stacksDir)) {
      const name = /^(.+)\.json$/.exec(f)?.[1];
      if (name && STACK_NAME.test(name)) names.add(name);
    }
  }
  for (const f of readdirSync(projectDir)) {
    const name = /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1];
    if (name && STACK_NAME.test(name)) names.add(name);
  }
  return [...names].sort();
}

export function stackExists(projectDir: string, stack: string): boolean {
  return stackNames(projectDir).includes(stack);
}

/** The stack the workspace file names, if any. */
export function currentStack(projectDir: string): string | undefined {
  const file = workspacePath(projectDir);
  if (!existsSync(file)) return undefined;
  try {
    const stack = (JSON.parse(readFileSync(file, "utf8")) as { stack?: unknown }).stack;
    return typeof stack === "string" && stack ? stack : undefined;
  } catch {
    throw new UsageError(`could not parse file ${file}: delete it and run \`pulumi-hyperv stack select\``);
  }
}

/** Remembers (or, with undefined, forgets) the selected stack. */
export function setCurrentStack(projectDir: string, stack: string | undefined): void {
  const file = workspacePath(projectDir);
  if (stack === undefined) {
    rmSync(file, { force: true });
    return;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ stack }, null, 4)}\n`);
}

function listed(stacks: string[]): string {
  return stacks.length > 0 ? `the stacks are ${stacks.join(", ")}` : "the project has no stacks";
}

/**
 * The stack a command works on: the one `-s` names (which must exist), else the selected one, else
 * the project's only stack. Throws StackNotFoundError (exit 6) naming the stacks and `stack init`.
 */
export function resolveStack(project: Project, stack: string | undefined): string {
  const stacks = stackNames(project.dir);
  if (stack !== undefined) {
    validateStackName(stack);
    if (stacks.includes(stack)) return stack;
    throw new StackNotFoundError(
      `no stack named '${stack}' found (${listed(stacks)}): create it with \`pulumi-hyperv stack init ${stack}\` ` +
        `or \`pulumi-hyperv stack select --create ${stack}\``,
    );
  }
  const selected = currentStack(project.dir);
  if (selected !== undefined && stacks.includes(selected)) return selected;
  if (stacks.length === 1) return stacks[0];
  throw new StackNotFoundError(
    stacks.length === 0
      ? `this command requires a stack, but there are none in ${project.dir}: create one with \`pulumi-hyperv stack init <name>\``
      : `no stack selected; specify a stack name with --stack or select one with \`pulumi-hyperv stack select <name>\` (${listed(stacks)})`,
  );
}

/**
 * Creates a stack: its empty checkpoint and, when a passphrase is set and the stack file has none, the
 * stack file's `encryptionsalt` (as `pulumi stack init` with the passphrase provider does). Selects it
 * unless `select` is false.
 */
export function initStack(project: Project, stack: string, select = true): void {
  validateStackName(stack);
  const file = checkpointPath(project.dir, stack);
  if (existsSync(file)) throw new Error(`stack '${stack}' already exists`);
  const stackFile = stackFilePath(project.dir, stack);
  const doc = parseDocument(existsSync(stackFile) ? readFileSync(stackFile, "utf8") : "");
  let salt = doc.get("encryptionsalt");
  const passphrase = passphraseFromEnvironment();
  if (typeof salt !== "string" && passphrase !== undefined) {
    salt = newPassphraseState(passphrase).state;
    doc.set("encryptionsalt", salt);
    writeFileSync(stackFile, doc.toString());
  }
  writeCheckpoint(
    file,
    { resources: [], pendingOperations: [] },
    {
      crypter: () => {
        throw new Error("an empty stack has no secrets");
      },
      salt: () => (typeof salt === "string" ? salt : undefined),
    },
  );
  if (select) setCurrentStack(project.dir, stack);
}

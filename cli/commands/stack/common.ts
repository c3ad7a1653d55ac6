/** What the `stack` and `config` subcommands share: the project flag, the stack flag, confirmation. */
import { resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import type { FlagSpec, FlagValues } from "../../args";
import { UsageError } from "../../errors";
import { loadProject, type Project } from "../../project";

export const CWD_FLAG: FlagSpec = {
  name: "cwd",
  short: "C",
  kind: "string",
  value: "DIR",
  description: "Run in this project directory",
};

/** `-s/--stack` with the CLI's description for commands that default to the selected stack. */
export function stackFlag(
  description = "The name of the stack to operate on. Defaults to the current stack",
): FlagSpec {
  return { name: "stack", short: "s", kind: "string", value: "NAME", description };
}

/** The project of `-C` (or the working directory). */
export function projectOf(flags: FlagValues): Project {
  return loadProject(resolve((flags.cwd as string | undefined) ?? process.cwd()));
}

/** The stack named by the one positional or by `-s` (not both, as the CLI says). */
export function stackArgument(flags: FlagValues, positionals: string[], command: string): string | undefined {
  if (positionals.length > 1)
    throw new UsageError(`"${command}" takes at most one stack name, got ${positionals.length}`);
  if (positionals.length === 1 && flags.stack !== undefined)
    throw new UsageError("only one of --stack or argument stack name may be specified, not both");
  return positionals[0] ?? (flags.stack as string | undefined);
}

/** Asks on the terminal; the answer, trimmed. */
export async function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** `pulumi-hyperv stack output [NAME]`: the stack's outputs from its checkpoint. */
import { parseArgs, type FlagSpec } from "../../args";
import { readStackState } from "../../engine/backend/checkpoint-store";
import { checkpointPath } from "../../engine/checkpoint";
import { maskSecrets, revealSecrets } from "../../engine/properties";
import { ROOT_STACK_TYPE } from "../../engine/urn";
import { UsageError } from "../../errors";
import { loadStackConfig } from "../../project";
import { resolveStack } from "../../stacks";
import type { Subcommand } from "./subcommand";
import { CWD_FLAG, projectOf, stackFlag } from "./common";

const FLAGS: FlagSpec[] = [
  CWD_FLAG,
  stackFlag(),
  { name: "json", short: "j", kind: "boolean", description: "Emit output as JSON" },
  {
    name: "show-secrets",
    kind: "boolean",
    description: "Display outputs which are marked as secret in plaintext (needs the passphrase)",
  },
];

async function run(argv: string[]): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, "stack output");
  const project = projectOf(flags);
  const stack = resolveStack(project, flags.stack as string | undefined);
  const config = loadStackConfig(project, stack);
  const snapshot = readStackState(
    checkpointPath(project.dir, stack),
    { crypter: () => config.crypter(), salt: () => config.encryptionSalt() },
    true,
  );
  const root = snapshot.resources.find((r) => r.type === ROOT_STACK_TYPE);
  const raw = root?.outputs ?? {};
  const outputs = flags["show-secrets"] ? revealSecrets(raw) : maskSecrets(raw);
  const name = positionals[0];
  if (name !== undefined) {
    if (!(name in outputs)) {
      throw new UsageError(
        `current stack does not have output property '${name}' (outputs: ${Object.keys(outputs).join(", ") || "none"})`,
      );
    }
    const value = outputs[name];
    process.stdout.write(
      `${flags.json || typeof value !== "string" ? JSON.stringify(value, null, 2) : value}\n`,
    );
    return 0;
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(outputs, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(`Current stack outputs (${Object.keys(outputs).length}):\n`);
  const width = Math.max(6, ...Object.keys(outputs).map((k) => k.length));
  process.stdout.write(`    ${"OUTPUT".padEnd(width)}  VALUE\n`);
  for (const [k, v] of Object.entries(outputs)) {
    process.stdout.write(`    ${k.padEnd(width)}  ${typeof v === "string" ? v : JSON.stringify(v)}\n`);
  }
  return 0;
}

export const output: Subcommand = {
  usage: "stack output [NAME] [flags]",
  summary: "Show a stack's output properties",
  flags: FLAGS,
  run,
};

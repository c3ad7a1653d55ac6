/** The flags the deployment commands share, with the Pulumi CLI's names and meanings. */
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { parseArgs, type FlagSpec } from "../args";
import { UsageError } from "../errors";

export const COMMON_FLAGS: FlagSpec[] = [
  { name: "cwd", short: "C", kind: "string", value: "DIR", description: "Run in this project directory" },
  {
    name: "stack",
    short: "s",
    kind: "string",
    value: "NAME",
    description: "The stack (Pulumi.<stack>.yaml)",
  },
  { name: "yes", short: "y", kind: "boolean", description: "Apply without asking" },
  { name: "skip-preview", kind: "boolean", description: "Do not preview before applying" },
  {
    name: "json",
    short: "j",
    kind: "boolean",
    description: "Print the result as the JSON document of `pulumi preview --json`",
  },
  { name: "diff", kind: "boolean", description: "Show the changed properties of each step" },
  { name: "parallel", kind: "number", value: "N", description: "At most N resource operations at once" },
];

export const PROGRAM_FLAGS: FlagSpec[] = [
  {
    name: "config",
    short: "c",
    kind: "strings",
    value: "KEY=VALUE",
    description: "Set a config value (saved to the stack file); repeatable",
  },
  { name: "policy-pack", kind: "strings", value: "DIR", description: "Run this policy pack; repeatable" },
  {
    name: "policy-pack-config",
    kind: "strings",
    value: "FILE",
    description: "JSON config of the policy pack at the same position; repeatable",
  },
  { name: "refresh", kind: "boolean", description: "Refresh the state from the provider first" },
];

/** `refresh`'s flags for the pending creates a killed run left. */
export const REFRESH_FLAGS: FlagSpec[] = [
  {
    name: "clear-pending-creates",
    kind: "boolean",
    description: "Clear all pending creates, dropping them from the state",
  },
  { name: "skip-pending-creates", kind: "boolean", description: "Leave the pending creates as they are" },
  {
    name: "import-pending-creates",
    kind: "strings",
    value: "URN,ID",
    description: "Adopt the object a pending create made: its URN and its id; repeatable",
  },
];

/** The parsed options of a deployment command. */
export interface DeploymentFlags {
  cwd: string;
  stack?: string;
  yes: boolean;
  skipPreview: boolean;
  json: boolean;
  diff: boolean;
  parallel: number;
  config: string[];
  policyPacks: { dir: string; configFile?: string }[];
  refresh: boolean;
  /** What `refresh` does with pending creates. */
  pendingCreates: { clear: boolean; skip: boolean; imports: string[] };
}

/** The CLI's default parallelism: 4 per CPU (`PULUMI_PARALLEL` overrides it). */
function defaultParallel(): number {
  const fromEnv = Number(process.env.PULUMI_PARALLEL);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return 4 * availableParallelism();
}

/** Parses a deployment command's arguments. */
export function parseDeploymentFlags(argv: string[], command: string, specs: FlagSpec[]): DeploymentFlags {
  const { flags, positionals } = parseArgs(argv, specs, command);
  if (positionals.length > 0)
    throw new UsageError(`"${command}" takes no arguments, got "${positionals.join(" ")}"`);
  const packs = (flags["policy-pack"] as string[] | undefined) ?? [];
  const packConfigs = (flags["policy-pack-config"] as string[] | undefined) ?? [];
  if (packConfigs.length > packs.length) {
    throw new UsageError(
      `--policy-pack-config was given ${packConfigs.length} times but --policy-pack only ${packs.length}: ` +
        "each config file pairs with the policy pack at the same position",
    );
  }
  const cwd = resolve((flags.cwd as string | undefined) ?? process.cwd());
  return {
    cwd,
    stack: flags.stack as string | undefined,
    yes: flags.yes === true,
    skipPreview: flags["skip-preview"] === true,
    json: flags.json === true,
    diff: flags.diff === true,
    parallel: (flags.parallel as number | undefined) ?? defaultParallel(),
    config: (flags.config as string[] | undefined) ?? [],
    policyPacks: packs.map((dir, i) => ({
      dir: resolve(cwd, dir),
      ...(packConfigs[i] && { configFile: resolve(cwd, packConfigs[i]) }),
    })),
    refresh: flags.refresh === true,
    pendingCreates: {
      clear: flags["clear-pending-creates"] === true,
      skip: flags["skip-pending-creates"] === true,
      imports: ((flags["import-pending-creates"] as string[] | undefined) ?? []).flatMap((v) => v.split(",")),
    },
  };
}

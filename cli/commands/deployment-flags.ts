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

/** The config and run flags every deployment command takes. */
export const RUN_FLAGS: FlagSpec[] = [
  {
    name: "config",
    short: "c",
    kind: "strings",
    value: "KEY=VALUE",
    description: "Set a config value (saved to the stack file); repeatable",
  },
  {
    name: "config-file",
    kind: "string",
    value: "FILE",
    description: "Use the configuration values in the specified file rather than detecting the file name",
  },
  {
    name: "config-path",
    kind: "boolean",
    description: "Config keys contain a path to a property in a map or list to set",
  },
  {
    name: "expect-no-changes",
    kind: "boolean",
    description: "Return an error (exit code 7) if any changes occur during this operation",
  },
  { name: "show-secrets", kind: "boolean", description: "Show secret outputs and values in plaintext" },
  {
    name: "suppress-outputs",
    kind: "boolean",
    description: "Suppress display of stack outputs (in case they contain sensitive values)",
  },
  {
    name: "message",
    short: "m",
    kind: "string",
    value: "TEXT",
    description: "Optional message to associate with the operation (recorded in its history)",
  },
];

/** The targeting flags (`--target` and its kin), with the CLI's names. */
export const TARGET_FLAGS: FlagSpec[] = [
  {
    name: "target",
    short: "t",
    kind: "strings",
    value: "URN",
    description: "Specify a single resource URN to operate on; repeatable. Wildcards (*, **) are supported",
  },
  {
    name: "target-dependents",
    kind: "boolean",
    description: "Allows operating on dependent targets discovered but not specified in --target",
  },
  {
    name: "exclude",
    kind: "strings",
    value: "URN",
    description: "Specify a resource URN to ignore; repeatable. Wildcards (*, **) are supported",
  },
  {
    name: "exclude-dependents",
    kind: "boolean",
    description: "Allows ignoring of dependent targets discovered but not specified in --exclude",
  },
];

export const REPLACE_FLAG: FlagSpec = {
  name: "replace",
  kind: "strings",
  value: "URN",
  description: "Specify a resource URN to replace; repeatable",
};

export const CONTINUE_ON_ERROR_FLAG: FlagSpec = {
  name: "continue-on-error",
  kind: "boolean",
  description: "Continue with the operation even if some resource operations fail",
};

export const EXCLUDE_PROTECTED_FLAG: FlagSpec = {
  name: "exclude-protected",
  kind: "boolean",
  description: "Do not destroy protected resources; destroy all other resources",
};

export const PROGRAM_FLAGS: FlagSpec[] = [
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
  /** `--config-file`, resolved against the project directory. */
  configFile?: string;
  /** `--config-path`: `-c` keys are property paths. */
  configPath: boolean;
  /** `--expect-no-changes`: fail with exit code 7 when anything would change. */
  expectNoChanges: boolean;
  /** `--show-secrets`: secret outputs and diff values in plaintext. */
  showSecrets: boolean;
  /** `--suppress-outputs`: no `Outputs:` section. */
  suppressOutputs: boolean;
  /** `--message`, recorded with the update. */
  message?: string;
  /** `--target` URNs (the engine narrows its steps to them). */
  targets: string[];
  /** `--target-dependents`. */
  targetDependents: boolean;
  /** `--exclude` URNs. */
  excludes: string[];
  /** `--exclude-dependents`. */
  excludeDependents: boolean;
  /** `--replace` URNs. */
  replaces: string[];
  /** `--exclude-protected` (destroy). */
  excludeProtected: boolean;
  /** `--continue-on-error`. */
  continueOnError: boolean;
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
  if (flags.target && flags.exclude)
    throw new UsageError("you cannot specify --target and --exclude at the same time");
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
    ...(flags["config-file"] !== undefined && { configFile: resolve(cwd, flags["config-file"] as string) }),
    configPath: flags["config-path"] === true,
    expectNoChanges: flags["expect-no-changes"] === true,
    showSecrets: flags["show-secrets"] === true,
    suppressOutputs: flags["suppress-outputs"] === true,
    ...(flags.message !== undefined && { message: flags.message as string }),
    targets: (flags.target as string[] | undefined) ?? [],
    targetDependents: flags["target-dependents"] === true,
    excludes: (flags.exclude as string[] | undefined) ?? [],
    excludeDependents: flags["exclude-dependents"] === true,
    replaces: (flags.replace as string[] | undefined) ?? [],
    excludeProtected: flags["exclude-protected"] === true,
    continueOnError: flags["continue-on-error"] === true,
  };
}

/**
 * `config get <key>`, `config rm <key>` and `config` / `config ls`: read and remove values of the stack
 * file; secure values are decrypted for `get`, shown as `[secret]` by `ls` unless `--show-secrets`
 * (pulumi/pulumi `pkg/cmd/pulumi/config/config.go`, `getConfig`, `listConfig`).
 */
import { parseArgs, type FlagSpec } from "../../args";
import { parseConfigKey, prettyKey } from "../../config-key";
import { UsageError } from "../../errors";
import { renderTable } from "../../output/table";
import { getConfigValue, removeConfigValue } from "../../stack-file";
import type { Crypter } from "../../secrets";
import type { Subcommand } from "../stack/subcommand";
import { CONFIG_FLAGS, configTarget, isSecure, PATH_FLAG, stackCrypter, valueText } from "./common";

const JSON_FLAG: FlagSpec = { name: "json", short: "j", kind: "boolean", description: "Emit output as JSON" };

/** `configValueJSON`: the value (absent for a hidden secret), the parsed object, whether secret. */
export interface ConfigValueJson {
  value?: string;
  objectValue?: unknown;
  secret: boolean;
}

function jsonEntry(raw: unknown, reveal: (secure: string) => string | undefined): ConfigValueJson {
  if (isSecure(raw)) {
    const value = reveal(raw.secure);
    return value === undefined ? { secret: true } : { value, secret: true };
  }
  const value = valueText(raw);
  return typeof raw === "object" && raw !== null
    ? { value, objectValue: raw, secret: false }
    : { value, secret: false };
}

const GET_FLAGS: FlagSpec[] = [...CONFIG_FLAGS, JSON_FLAG, PATH_FLAG("get")];

export const get: Subcommand = {
  usage: "config get <key> [flags]",
  summary: "Get a single configuration value",
  flags: GET_FLAGS,
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, GET_FLAGS, "config get");
    if (positionals.length !== 1)
      throw new UsageError(`"config get" takes one key, got ${positionals.length}`);
    const { project, stack, file } = configTarget(flags);
    const key = parseConfigKey(positionals[0], project.name, flags.path === true);
    const raw = getConfigValue(file, key);
    if (raw === undefined) {
      throw new UsageError(
        `configuration key '${prettyKey(key.key, project.name)}' not found for stack '${stack}'`,
      );
    }
    let crypter: Crypter | undefined;
    const decrypt = (secure: string) => (crypter ??= stackCrypter(file, stack)).decrypt(secure);
    const entry = jsonEntry(raw, decrypt);
    process.stdout.write(flags.json ? `${JSON.stringify(entry, null, 2)}\n` : `${entry.value}\n`);
    return 0;
  },
};

const RM_FLAGS: FlagSpec[] = [...CONFIG_FLAGS, PATH_FLAG("remove")];

export const rm: Subcommand = {
  usage: "config rm <key> [flags]",
  summary: "Remove configuration value",
  flags: RM_FLAGS,
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, RM_FLAGS, "config rm");
    if (positionals.length !== 1)
      throw new UsageError(`"config rm" takes one key, got ${positionals.length}`);
    const { project, file } = configTarget(flags);
    removeConfigValue(file, parseConfigKey(positionals[0], project.name, flags.path === true));
    file.save();
    return 0;
  },
};

const LS_FLAGS: FlagSpec[] = [
  ...CONFIG_FLAGS,
  JSON_FLAG,
  {
    name: "show-secrets",
    kind: "boolean",
    description: "Show secret values when listing config instead of displaying blinded values",
  },
];

/** The stack's config as `config --json` prints it, keys sorted. */
export function configListing(
  config: Record<string, unknown>,
  reveal: ((secure: string) => string) | undefined,
): Record<string, ConfigValueJson> {
  return Object.fromEntries(
    Object.keys(config)
      .sort()
      .map((k) => [k, jsonEntry(config[k], (s) => reveal?.(s))]),
  );
}

/** The console table of `config`: KEY VALUE, project keys without namespace, secrets `[secret]`. */
export function renderConfigTable(listing: Record<string, ConfigValueJson>, project: string): string {
  return renderTable(
    ["KEY", "VALUE"],
    Object.entries(listing).map(([k, v]) => [prettyKey(k, project), v.value ?? "[secret]"]),
  );
}

export const ls: Subcommand = {
  usage: "config [ls] [flags]",
  summary: "List the stack's configuration",
  flags: LS_FLAGS,
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, LS_FLAGS, "config");
    if (positionals.length > 0)
      throw new UsageError(`"config" takes no arguments, got "${positionals.join(" ")}"`);
    const { project, stack, file } = configTarget(flags);
    const config = (file.doc.toJS() as { config?: Record<string, unknown> } | null)?.config ?? {};
    let crypter: Crypter | undefined;
    const reveal = flags["show-secrets"]
      ? (secure: string) => (crypter ??= stackCrypter(file, stack)).decrypt(secure)
      : undefined;
    const listing = configListing(config, reveal);
    process.stdout.write(
      flags.json ? `${JSON.stringify(listing, null, 4)}\n` : renderConfigTable(listing, project.name),
    );
    return 0;
  },
};

/**
 * Command-line flags with the Pulumi CLI's spellings: `--name value`, `--name=value`, `-x value`,
 * repeatable flags collected in order. Unknown flags are refused with the nearest and the known ones.
 */
import { nearestName } from "../provider/model/nearest-name";
import { UsageError } from "./errors";

export interface FlagSpec {
  name: string;
  short?: string;
  kind: "boolean" | "string" | "strings" | "number";
  description: string;
  /** Placeholder shown in help (`DIR`, `N`, ...). */
  value?: string;
}

export type FlagValues = Record<string, boolean | string | string[] | number | undefined>;

export interface ParsedArgs {
  flags: FlagValues;
  positionals: string[];
}

/** Parses argv against the specs. */
export function parseArgs(argv: string[], specs: FlagSpec[], command: string): ParsedArgs {
  const flags: FlagValues = {};
  const positionals: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const key = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = key.startsWith("--") ? byName.get(key.slice(2)) : byShort.get(key.slice(1));
    if (!spec) {
      const known = specs.map((s) => `--${s.name}${s.short ? `/-${s.short}` : ""}`).join(", ");
      const nearest = key.startsWith("--") ? nearestName(key.slice(2), [...byName.keys()]) : undefined;
      const hint = nearest === undefined ? "" : `did you mean --${nearest}? `;
      throw new UsageError(`unknown flag ${key} for "${command}": ${hint}known flags are ${known}`);
    }
    if (spec.kind === "boolean") {
      flags[spec.name] = eq > 0 ? !["false", "0"].includes(arg.slice(eq + 1)) : true;
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined)
      throw new UsageError(`flag --${spec.name} needs a value (${spec.value ?? "VALUE"})`);
    if (spec.kind === "strings")
      flags[spec.name] = [...((flags[spec.name] as string[] | undefined) ?? []), value];
    else if (spec.kind === "number") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1)
        throw new UsageError(`flag --${spec.name} must be a positive integer, not "${value}"`);
      flags[spec.name] = n;
    } else flags[spec.name] = value;
  }
  return { flags, positionals };
}

/** Help text lines for the flags. */
export function flagHelp(specs: FlagSpec[]): string {
  return specs
    .map((s) => {
      const names = `${s.short ? `-${s.short}, ` : "    "}--${s.name}${s.kind === "boolean" ? "" : ` ${s.value ?? "VALUE"}`}`;
      return `  ${names.padEnd(34)} ${s.description}`;
    })
    .join("\n");
}

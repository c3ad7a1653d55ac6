/**
/**
 * Command-line flags with the Pulumi CLI's spellings, parsed by `node:util` `parseArgs`: `--name value`,
 * `--name=value`, `-x value`, booleans also as `--name=true|false` (as cobra takes them), repeatable
 * flags collected in order. An unknown flag is refused with the nearest and the known ones; a flag the
 * Pulumi CLI has for the command but this tool lacks is refused naming it as such.
 */
import { parseArgs as parseArgv } from "node:util";
import { nearestName } from "../provider/model/nearest-name";
import { UsageError } from "./errors";
import { cliOnlyFlag } from "./pulumi-cli-flags";

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

function knownFlags(specs: FlagSpec[]): string {
  return specs.map((s) => `--${s.name}${s.short ? `/-${s.short}` : ""}`).join(", ");
}

/** `--bool=true|false` as cobra takes it: node's parser refuses a value on a boolean. */
function normalizeBooleans(argv: string[], specs: FlagSpec[], flags: FlagValues): string[] {
  const booleans = new Set(specs.filter((s) => s.kind === "boolean").map((s) => s.name));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    const match = /^--([^=]+)=(.*)$/.exec(arg);
    if (match && booleans.has(match[1])) {
      if (["false", "0"].includes(match[2])) flags[match[1]] = false;
      else out.push(`--${match[1]}`);
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** The flag an error of `node:util` parseArgs is about (`--name` or `-x`). */
function flagOfError(message: string): string | undefined {
  return /'(-{1,2}[^'\s]+)/.exec(message)?.[1];
}

/** Parses argv against the specs; `command` names the command in messages (`up`, `stack rm`). */
export function parseArgs(argv: string[], specs: FlagSpec[], command: string): ParsedArgs {
  const flags: FlagValues = {};
  const options = Object.fromEntries(
    specs.map((s) => [
      s.name,
      {
        type: s.kind === "boolean" ? ("boolean" as const) : ("string" as const),
        ...(s.kind === "strings" && { multiple: true }),
        ...(s.short && { short: s.short }),
      },
    ]),
  );
  let parsed: ReturnType<typeof parseArgv>;
  try {
    parsed = parseArgv({
      args: normalizeBooleans(argv, specs, flags),
      options,
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    const error = e as Error & { code?: string };
    const flag = flagOfError(error.message) ?? "";
    if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const name = flag.replace(/^-+/, "").split("=")[0];
      if (flag.startsWith("--") && cliOnlyFlag(command, name)) {
        throw new UsageError(
          `flag --${name} of \`pulumi ${command}\` is not supported by pulumi-hyperv ` +
            `(its flags for "${command}" are ${knownFlags(specs)})`,
        );
      }
      const nearest = flag.startsWith("--")
        ? nearestName(
            name,
            specs.map((s) => s.name),
          )
        : undefined;
      const hint = nearest === undefined ? "" : `did you mean --${nearest}? `;
      throw new UsageError(
        `unknown flag ${flag} for "${command}": ${hint}known flags are ${knownFlags(specs)}`,
      );
    }
    if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const spec = specs.find((s) => new RegExp(`--${s.name}\\b(?!-)`).test(error.message));
      throw new UsageError(
        spec && spec.kind !== "boolean"
          ? `flag --${spec.name} needs a value (${spec.value ?? "VALUE"})`
          : `flag ${flag} takes no value`,
      );
    }
    throw new UsageError(error.message);
  }
  for (const spec of specs) {
    const value = parsed.values[spec.name];
    if (value === undefined) continue;
    if (spec.kind === "number") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1)
        throw new UsageError(`flag --${spec.name} must be a positive integer, not "${String(value)}"`);
      flags[spec.name] = n;
    } else flags[spec.name] = value as string | boolean | string[];
  }
  return { flags, positionals: parsed.positionals };
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

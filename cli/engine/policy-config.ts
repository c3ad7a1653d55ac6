/**
 * Policy pack configuration as the CLI reconciles it (`pkg/resource/analyzer/config.go`): for every
 * policy, the schema defaults, then the pack's initial config, then the `--policy-pack-config`
 * file (`all` first, then the policy's own entry), validated against the policy's JSON schema.
 * Pure apart from reading the file.
 */
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import { nearestName } from "../../provider/model/nearest-name";
import { UsageError } from "../errors";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

/** A policy as the pack describes it. */
export interface PolicyDescription {
  name: string;
  enforcementLevel: EnforcementLevel;
  configSchema?: { properties?: Record<string, { default?: unknown }>; required?: string[] };
}

/** One policy's reconciled configuration. */
export interface PolicyConfig {
  enforcementLevel: EnforcementLevel;
  properties: Record<string, unknown>;
}

type FileEntry = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);

/** Reads a `--policy-pack-config` file: a JSON object keyed by policy name (or `all`). */
export function readPolicyConfigFile(file: string): Record<string, FileEntry> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new UsageError(`--policy-pack-config ${file}: ${(e as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--policy-pack-config ${file}: expected a JSON object keyed by policy name`);
  }
  for (const [name, entry] of Object.entries(parsed)) {
    const level =
      typeof entry === "string" ? entry : (entry as { enforcementLevel?: unknown })?.enforcementLevel;
    if (level !== undefined && !LEVELS.includes(level as EnforcementLevel)) {
      throw new UsageError(
        `--policy-pack-config ${file}: "${name}": enforcement level "${String(level)}" is not one of ${LEVELS.join(", ")}`,
      );
    }
    if (typeof entry !== "string" && (typeof entry !== "object" || entry === null || Array.isArray(entry))) {
      throw new UsageError(
        `--policy-pack-config ${file}: "${name}" must be an enforcement level or an object`,
      );
    }
  }
  return parsed as Record<string, FileEntry>;
}

function split(entry: FileEntry | undefined): {
  level?: EnforcementLevel;
  settings: Record<string, unknown>;
} {
  if (entry === undefined) return { settings: {} };
  if (typeof entry === "string") return { level: entry, settings: {} };
  const { enforcementLevel, ...settings } = entry;
  return { level: enforcementLevel, settings };
}

/**
 * The config the CLI sends in `Configure`: every policy of the pack, with its effective level and
 * settings. Throws a UsageError naming the pack, policy and property when a value fails the schema.
 */
export function reconcilePolicyConfig(
  pack: { name: string; version: string },
  policies: PolicyDescription[],
  initial: Record<string, FileEntry>,
  file: Record<string, FileEntry>,
): Record<string, PolicyConfig> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const known = new Set(policies.map((p) => p.name));
  for (const name of Object.keys(file)) {
    if (name !== "all" && !known.has(name)) {
      throw new UsageError(
        `validating policy config: ${pack.name} ${pack.version}  ${name}: no such policy in the pack ` +
          `(policies: ${[...known].join(", ")})`,
      );
    }
  }
  const result: Record<string, PolicyConfig> = {};
  for (const policy of policies) {
    const defaults = Object.fromEntries(
      Object.entries(policy.configSchema?.properties ?? {})
        .filter(([, s]) => s.default !== undefined)
        .map(([k, s]) => [k, s.default]),
    );
    const fromInitial = split(initial[policy.name]);
    const fromAll = split(file.all);
    const fromFile = split(file[policy.name]);
    const properties = { ...defaults, ...fromInitial.settings, ...fromFile.settings };
    // The Pulumi CLI validates against the schema's properties only (a typo passes); refuse it here.
    const known = Object.keys(policy.configSchema?.properties ?? {});
    for (const key of Object.keys({ ...fromInitial.settings, ...fromFile.settings })) {
      if (known.includes(key)) continue;
      const nearest = nearestName(key, known);
      throw new UsageError(
        `validating policy config: ${pack.name} ${pack.version}  ${policy.name}: ${key} is not a setting of the policy; ` +
          (known.length === 0
            ? "remove it (it has no settings)"
            : nearest === undefined
              ? `remove it (its settings: ${known.join(", ")})`
              : `did you mean ${nearest}?`),
      );
    }
    if (policy.configSchema) {
      const validate = ajv.compile({ type: "object", ...policy.configSchema });
      if (!validate(properties)) {
        const first = validate.errors![0];
        const where = first.instancePath
          ? first.instancePath.slice(1)
          : String(first.params?.missingProperty ?? "");
        throw new UsageError(
          `validating policy config: ${pack.name} ${pack.version}  ${policy.name}: ${where} ${first.message ?? "is invalid"}`,
        );
      }
    }
    result[policy.name] = {
      enforcementLevel: fromFile.level ?? fromAll.level ?? fromInitial.level ?? policy.enforcementLevel,
      properties,
    };
  }
  return result;
}

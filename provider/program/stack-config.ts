/**
 * A program's own stack config, read and validated in one step: every setting of the project's
 * namespace checked by a zod object schema, unknown settings refused, and every problem reported
 * with the full config key and how to set it.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

/** One bad setting: the full config key (`<project>:<key>`) and what is wrong with it. */
export interface StackConfigFailure {
  key: string;
  reason: string;
}

/** Bad stack config: every problem, each naming its config key and the fix. */
export class StackConfigError extends Error {
  constructor(
    readonly failures: StackConfigFailure[],
    stack: string,
  ) {
    super(
      `invalid stack config:\n${failures.map((f) => `  ${f.key}: ${f.reason}`).join("\n")}\n` +
        `Fix: set the key in Pulumi.${stack}.yaml (or pass --config <key>=<value> to up or preview).`,
    );
    this.name = "StackConfigError";
  }
}

/**
 * A config value as a schema sees it: lists and objects (which stack files store as JSON text)
 * parsed, every other value the text itself (schemas coerce numbers and booleans).
 */
function valueOf(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!/^\s*[[{]/.test(text)) return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Reads the settings of the current project's config namespace (`<project>:<key>`) and validates
 * them with `schema`, whose keys are the settings' names. Throws {@link StackConfigError} naming
 * every bad, missing or unknown key; secrets are never echoed.
 *
 * @example
 * const settings = readStackConfig(
 *   z.object({ count: z.coerce.number().int().min(1).default(2), ntpServers: z.array(z.string()).min(1) }),
 * );
 */
export function readStackConfig<T extends z.ZodObject>(schema: T): z.output<T> {
  return parseStackConfig(schema, pulumi.runtime.allConfig(), pulumi.getProject(), pulumi.getStack());
}

/**
 * {@link readStackConfig} on given values: `config` maps full keys (`<project>:<key>`, any
 * namespace) to their text as a stack file stores it.
 */
export function parseStackConfig<T extends z.ZodObject>(
  schema: T,
  config: Record<string, string>,
  project: string,
  stack: string,
): z.output<T> {
  const prefix = `${project}:`;
  const known = new Set(Object.keys(schema.shape));
  const raw: Record<string, unknown> = {};
  const failures: StackConfigFailure[] = [];
  for (const [fullKey, text] of Object.entries(config)) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    if (!known.has(key)) {
      failures.push({
        key: fullKey,
        reason: `is not a setting of this program (its settings: ${[...known].join(", ")}); remove or rename it`,
      });
      continue;
    }
    const parsed = valueOf(text);
    if (parsed.ok) raw[key] = parsed.value;
    else failures.push({ key: fullKey, reason: "is not valid JSON (a list or object setting)" });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [key, ...rest] = issue.path.map(String);
      const missing = issue.code === "invalid_type" && rest.length === 0 && raw[key] === undefined;
      failures.push({
        key: `${prefix}${key}${rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join("")}`,
        reason: missing ? `is required: ${issue.message}` : issue.message,
      });
    }
  }
  if (failures.length > 0) throw new StackConfigError(failures, stack);
  return (result as { data: z.output<T> }).data;
}

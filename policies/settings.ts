/**
 * Policy settings: each rule declares its settings once, as the JSON schema the CLI applies
 * defaults from, and reads them back defensively (the SDK hands a policy `{}` when the CLI did not
 * configure it, e.g. in other pipelines and in tests).
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import { EXEMPTIONS_KEY } from "./exemptions";
import { nearestName } from "../provider/model/nearest-name";
import { README_EDITIONS, DEFAULT_README_EDITION, type ReadmeEdition } from "./matrix";

/** A setting of a rule, in the subset of JSON schema the pack uses. */
export type SettingSchema =
  | { type: "integer"; minimum: number; maximum?: number; default: number; description: string }
  | { type: "string"; enum: readonly string[]; default: string; description: string };

export type SettingsSchema = Readonly<Record<string, SettingSchema>>;

/** The settings object a rule reads, typed from its schema. */
export type SettingsOf<S extends SettingsSchema> = {
  [K in keyof S]: S[K] extends { type: "integer" }
    ? number
    : S[K] extends { enum: readonly (infer E)[] }
      ? E
      : never;
};

/** Levels a rule can give its secondary findings (the policy's own level comes from the pack config). */
export const FINDING_LEVELS = ["advisory", "mandatory", "disabled"] as const;
export type FindingLevel = (typeof FINDING_LEVELS)[number];

/** The release names of the ICs v2 readme editions, accepted in place of the edition's date. */
export const README_EDITION_ALIASES = {
  "v2-rc2": "2009-07",
  "v2-rtm": "2009-10",
  "v2-2010-01": "2010-01",
} as const satisfies Record<string, ReadmeEdition>;

/** A `readme` setting value: an edition (`2009-10`) or its release name (`v2-rtm`). */
export type ReadmeSetting = ReadmeEdition | keyof typeof README_EDITION_ALIASES;

/** The `readme` setting: which edition of the ICs v2 readme decides which guests are supported. */
export const README_SETTING = {
  type: "string",
  enum: [
    ...README_EDITIONS,
    ...(Object.keys(README_EDITION_ALIASES) as (keyof typeof README_EDITION_ALIASES)[]),
  ],
  default: DEFAULT_README_EDITION,
  description:
    "Linux ICs v2 readme edition that lists the supported guests: 2009-07 (RC2, also v2-rc2), " +
    "2009-10 (RTM, also v2-rtm), 2010-01 (also v2-2010-01)",
} as const satisfies SettingSchema;

/** The readme edition a `readme` setting names. */
export function readmeEdition(setting: ReadmeSetting): ReadmeEdition {
  return setting in README_EDITION_ALIASES
    ? README_EDITION_ALIASES[setting as keyof typeof README_EDITION_ALIASES]
    : (setting as ReadmeEdition);
}

/** A `...Level` setting for findings reported at their own level. */
export function findingLevelSetting(description: string) {
  return {
    type: "string",
    enum: FINDING_LEVELS,
    default: "advisory",
    description,
  } as const satisfies SettingSchema;
}

/** The `configSchema` of a policy: the settings with their defaults, nothing required. */
export function toConfigSchema(settings: SettingsSchema): PolicyConfigSchema {
  return {
    properties: Object.fromEntries(
      Object.entries(settings).map(([key, s]) => [
        key,
        s.type === "string" ? { ...s, enum: [...s.enum] } : { ...s },
      ]),
    ),
  };
}

function accepted(s: SettingSchema): string {
  if (s.type === "string") return `one of ${s.enum.join(", ")}`;
  return `a whole number from ${s.minimum}${s.maximum === undefined ? " up" : ` to ${s.maximum}`}`;
}

function isValid(s: SettingSchema, v: unknown): boolean {
  if (s.type === "string") return typeof v === "string" && s.enum.includes(v);
  return (
    Number.isInteger(v) &&
    (v as number) >= s.minimum &&
    (s.maximum === undefined || (v as number) <= s.maximum)
  );
}

/**
 * Keys every policy's config may hold besides its settings: the policy's level (added by the policy
 * host) and the pack's exemptions (read by `exemptions.ts`).
 */
const HOST_KEYS = ["enforcementLevel", EXEMPTIONS_KEY];

/** Why `key` is refused in a policy's config whose settings are `known`, with the fix. */
function unknownSettingReason(key: string, known: readonly string[]): string {
  if (known.length === 0) return "remove it (it has no settings)";
  const nearest = nearestName(key, known);
  return nearest === undefined ? `remove it (its settings: ${known.join(", ")})` : `did you mean ${nearest}?`;
}

/**
 * Reads a policy's settings from whatever config it got: a missing value takes its default, an
 * invalid one is an error that names the policy, the setting and what it accepts, and a key the
 * rule does not declare (a typo, which the Pulumi CLI passes on unchecked) is an error naming the
 * setting it was likely meant to be. The host's own `enforcementLevel` key is no setting.
 */
export function readSettings<S extends SettingsSchema>(
  policy: string,
  schema: S,
  raw: unknown,
): SettingsOf<S> {
  const source = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  const known = Object.keys(schema);
  for (const key of Object.keys(source)) {
    if (known.includes(key) || HOST_KEYS.includes(key)) continue;
    throw new Error(
      `policy config "${policy}.${key}" is not a setting of the policy; ${unknownSettingReason(key, known)}`,
    );
  }
  for (const [key, s] of Object.entries(schema)) {
    const v = source[key];
    if (v === undefined || v === null) {
      out[key] = s.default;
    } else if (isValid(s, v)) {
      out[key] = v;
    } else {
      throw new Error(`policy config "${policy}.${key}" must be ${accepted(s)} (got ${JSON.stringify(v)})`);
    }
  }
  return out as SettingsOf<S>;
}

/**
 * The pack's public API for other pipelines and tests: the Pulumi policies, and the same rules run
 * as pure functions over a normalized VM spec.
 */
import {
  unknownCheckingProxy,
  UnknownValueError,
  type EnforcementLevel,
  type ResourceValidationPolicy,
} from "@pulumi/policy";
import { containsUnknown } from "../provider/model/unknown";
import type { VirtualMachineSpec } from "../provider/model/virtual-machine-spec";
import {
  applyExemption,
  decideExemption,
  readExemptions,
  utcDate,
  type ExemptionSubject,
  type ReportedFinding,
  type Waiver,
} from "./exemptions";
import { toPackPolicy } from "./pack-policy";
import { ruleContext, type Rule } from "./rule";
import { rules } from "./rules";
import {
  readSettings,
  type FindingLevel,
  type ReadmeSetting,
  type SettingsOf,
  type SettingsSchema,
} from "./settings";

export { rules } from "./rules";
export type { Rule, Finding } from "./rule";
export type { Exemption, ExemptionSubject, Waiver } from "./exemptions";

/** Name of the policy pack. */
export const POLICY_PACK_NAME = "hyperv-linux-ics";

/** The pack's policies, one per rule. */
export const policies: ResourceValidationPolicy[] = rules.map(toPackPolicy);

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** A policy's entry in the config: a level, or settings with an optional level. */
export type PolicyConfigEntry =
  EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);

/**
 * Config of {@link evaluateVirtualMachine}: the pack's policy config (entries keyed by policy name,
 * `all` for every policy's level) plus `readme`, the ICs v2 readme edition (`2009-07`, `2009-10`,
 * `2010-01`, or the release names `v2-rc2`, `v2-rtm`, `v2-2010-01`) every policy with a `readme`
 * setting uses unless its own entry says otherwise.
 */
export type EvaluationConfig = { readme?: ReadmeSetting; all?: EnforcementLevel } & {
  [policy: string]: PolicyConfigEntry | ReadmeSetting | undefined;
};

/** One violation found by {@link evaluateVirtualMachine}. */
export interface Violation {
  policy: string;
  enforcementLevel: Exclude<EnforcementLevel, "disabled" | "remediate">;
  message: string;
  /** Set when an exemption waives the finding (its level is then advisory). */
  waiver?: Waiver;
  /** Set when the policy could not run because it reads a value that is not known. */
  unknownValue?: true;
}

/** Where {@link evaluateVirtualMachine} applies the policies' exemptions. */
export interface EvaluationOptions {
  /** The resource judged; without it no exemption applies. */
  subject?: ExemptionSubject;
  /** The day (UTC, `YYYY-MM-DD`) exemptions are checked against; default today. */
  today?: string;
}

interface ConfiguredRule {
  rule: Rule;
  level: EnforcementLevel;
  settings: SettingsOf<SettingsSchema>;
}

function configureRule(rule: Rule, config: EvaluationConfig): ConfiguredRule {
  const entry = config[rule.name] as PolicyConfigEntry | undefined;
  const own = typeof entry === "string" ? entry : entry?.enforcementLevel;
  const level = own ?? config.all ?? rule.enforcementLevel;
  if (!LEVELS.includes(level)) {
    throw new Error(
      `policy config "${rule.name}" level must be one of ${LEVELS.join(", ")} (got ${JSON.stringify(level)})`,
    );
  }
  const raw = {
    ...(config.readme !== undefined && "readme" in rule.settings && { readme: config.readme }),
    ...(typeof entry === "object" && entry),
  };
  return { rule, level, settings: readSettings(rule.name, rule.settings, raw) };
}

/** Configured rules per config object: a config is read once, however many VMs it judges. */
const configuredRuleCache = new WeakMap<EvaluationConfig, ConfiguredRule[]>();
const DEFAULT_CONFIG: EvaluationConfig = {};

function configuredRules(config: EvaluationConfig): ConfiguredRule[] {
  const cached = configuredRuleCache.get(config);
  if (cached) return cached;
  const configured = rules.map((rule) => configureRule(rule, config)).filter((p) => p.level !== "disabled");
  // A config the caller may still change is read again next time; the shared default never changes.
  if (config === DEFAULT_CONFIG) configuredRuleCache.set(config, configured);
  return configured;
}

/** The spec as the policy host shows it: reads of values unknown at preview throw. */
function asPolicyHostSees(spec: VirtualMachineSpec): VirtualMachineSpec {
  return containsUnknown(spec) ? unknownCheckingProxy(spec) : spec;
}

function applyRemediations(spec: VirtualMachineSpec, configured: ConfiguredRule[]): string[] {
  const applied: string[] = [];
  const subject = asPolicyHostSees(spec);
  for (const { rule, level, settings } of configured) {
    if (level !== "remediate" || !rule.remediate) continue;
    try {
      const ctx = ruleContext(subject, settings);
      if (ctx && rule.remediate(ctx)) applied.push(rule.name);
    } catch (e) {
      if (!(e instanceof UnknownValueError)) throw e;
    }
  }
  return applied;
}

/**
 * Runs the remediations of the policies configured at level `remediate` (e.g. `{ all: "remediate" }`)
 * on a copy of `spec`. Returns the copy and the names of the policies that changed it.
 */
export function remediateVirtualMachine(
  spec: VirtualMachineSpec,
  config: EvaluationConfig = {},
): { spec: VirtualMachineSpec; remediated: string[] } {
  const copy = structuredClone(spec);
  return { spec: copy, remediated: applyRemediations(copy, configuredRules(config)) };
}

/**
 * Judges a normalized VM spec (the model's parsed output) with the pack's rules and config, the way
 * the policy host does: remediations of `remediate`-level policies first (their remaining
 * violations are mandatory), non-Linux guests untouched, a policy that reads a value unknown at
 * preview reported as an advisory "can't run" instead of judged.
 */
export function evaluateVirtualMachine(
  spec: VirtualMachineSpec,
  config: EvaluationConfig = DEFAULT_CONFIG,
  options: EvaluationOptions = {},
): Violation[] {
  const configured = configuredRules(config);
  let target = spec;
  if (configured.some((p) => p.level === "remediate" && p.rule.remediate)) {
    target = structuredClone(spec);
    applyRemediations(target, configured);
  }
  const subject = asPolicyHostSees(target);
  const violations: Violation[] = [];
  // The guest's context is the same for every rule: find it (and its matrix row) once.
  let shared: ReturnType<typeof ruleContext<undefined>> | UnknownValueError;
  try {
    shared = ruleContext(subject, undefined);
  } catch (e) {
    if (!(e instanceof UnknownValueError)) throw e;
    shared = e;
  }
  if (shared === undefined) return violations;
  for (const { rule, level, settings } of configured) {
    const policyLevel = level === "remediate" ? "mandatory" : (level as Violation["enforcementLevel"]);
    try {
      if (shared instanceof UnknownValueError) throw shared;
      const ctx = { ...shared, settings };
      const found: ReportedFinding[] = [];
      for (const finding of rule.check(ctx)) {
        const findingLevel = finding.levelSetting
          ? ((settings as Record<string, unknown>)[finding.levelSetting] as FindingLevel)
          : policyLevel;
        if (findingLevel !== "disabled") found.push({ level: findingLevel, message: finding.message });
      }
      const exemptions = options.subject ? readExemptions(config[rule.name]) : [];
      const reported =
        exemptions.length === 0
          ? found
          : applyExemption(
              rule.name,
              found,
              decideExemption(exemptions, options.subject!, options.today ?? utcDate()),
            );
      for (const f of reported) {
        violations.push({
          policy: rule.name,
          enforcementLevel: f.level === "policy" ? policyLevel : f.level,
          message: f.message,
          ...(f.waiver && { waiver: f.waiver }),
        });
      }
    } catch (e) {
      if (!(e instanceof UnknownValueError)) throw e;
      violations.push({
        policy: rule.name,
        enforcementLevel: "advisory",
        message: `can't run policy '${rule.name}' during preview: ${(e as Error).message}`,
        unknownValue: true,
      });
    }
  }
  return violations;
}

/**
 * Turns a rule into a Pulumi resource policy for the VM type token. The policy host passes the
 * post-`check()` VM inputs through its unknown-checking proxy, so reading a value unknown at
 * preview throws and the host reports "can't run policy ... during preview" (advisory), which is
 * what the SDK intends; a remediation mutates the props it got (keeping `__provider`) and returns them.
 */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { VIRTUAL_MACHINE_TYPE, type VirtualMachineSpec } from "../provider/model/virtual-machine-spec";
import {
  applyExemption,
  decideExemption,
  EXEMPTIONS_KEY,
  EXEMPTIONS_SCHEMA,
  readExemptions,
  utcDate,
  waivedLine,
  type ExemptionSubject,
  type ReportedFinding,
} from "./exemptions";
import { ruleContext, type Rule } from "./rule";
import { readSettings, toConfigSchema } from "./settings";

const WRONG_TYPE = `Policy only applies to resources of type '${VIRTUAL_MACHINE_TYPE}'`;
const NOT_LINUX = "Policy only applies to Linux guests";

/** The object form of a violation, which the policy host accepts so that one finding can carry its own level. */
type LeveledViolation = { message: string; enforcementLevel: EnforcementLevel };

/** Marks a validation or remediation function with the type it handles, so the host skips other types cheaply. */
function forVirtualMachines<F extends object>(fn: F): F {
  return Object.assign(fn, { __pulumiType: VIRTUAL_MACHINE_TYPE });
}

function contextFor(rule: Rule, args: ResourceValidationArgs) {
  if (args.type !== VIRTUAL_MACHINE_TYPE) return args.notApplicable(WRONG_TYPE);
  const settings = readSettings(rule.name, rule.settings, args.getConfig());
  return ruleContext(args.props as VirtualMachineSpec, settings) ?? args.notApplicable(NOT_LINUX);
}

/** The resource's URN, its name and its VM name (when known at this point of a preview). */
function subjectOf(args: ResourceValidationArgs): ExemptionSubject {
  const names = [args.name];
  try {
    const vmName = (args.props as Partial<VirtualMachineSpec>).vmName;
    if (typeof vmName === "string") names.push(vmName);
  } catch {
    // An unknown VM name is matched by the URN and the resource name only.
  }
  return { urn: args.urn, names };
}

/** A policy's config schema with the `exemptions` setting every policy has. */
function withExemptions(schema: PolicyConfigSchema): PolicyConfigSchema {
  return {
    ...schema,
    properties: {
      ...schema.properties,
      [EXEMPTIONS_KEY]: EXEMPTIONS_SCHEMA as unknown as PolicyConfigSchema["properties"][string],
    },
  };
}

/** The Pulumi policy that runs `rule` on every VM. */
export function toPackPolicy(rule: Rule): ResourceValidationPolicy {
  const validateResource = forVirtualMachines((args: ResourceValidationArgs, report: ReportViolation) => {
    const ctx = contextFor(rule, args);
    const found: ReportedFinding[] = [];
    for (const finding of rule.check(ctx)) {
      if (!finding.levelSetting) {
        found.push({ level: "policy", message: finding.message });
        continue;
      }
      const level = (ctx.settings as Record<string, unknown>)[finding.levelSetting] as EnforcementLevel;
      if (level !== "disabled")
        found.push({ level: level as ReportedFinding["level"], message: finding.message });
    }
    const exemptions = readExemptions(args.getConfig());
    const reported =
      exemptions.length === 0
        ? found
        : applyExemption(rule.name, found, decideExemption(exemptions, subjectOf(args), utcDate()));
    for (const finding of reported) {
      const message = finding.waiver ? `${waivedLine(finding.waiver)}\n${finding.message}` : finding.message;
      if (finding.level === "policy") {
        report(message);
      } else {
        const violation: LeveledViolation = {
          message: `${rule.description}\n${message}`,
          enforcementLevel: finding.level,
        };
        (report as unknown as (v: LeveledViolation) => void)(violation);
      }
    }
  });
  const remediate = rule.remediate;
  const remediateResource = remediate
    ? forVirtualMachines((args: ResourceValidationArgs) => {
        const ctx = contextFor(rule, args);
        return remediate(ctx) ? args.props : undefined;
      })
    : undefined;
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: rule.enforcementLevel,
    severity: rule.severity,
    remediationSteps: rule.fix,
    configSchema: withExemptions(toConfigSchema(rule.settings)),
    validateResource,
    ...(remediateResource && { remediateResource }),
  };
}

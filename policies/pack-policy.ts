/**
 * Turns a rule into a Pulumi resource policy for the VM type token. The policy host passes the
 * post-`check()` VM inputs through its unknown-checking proxy, so reading a value unknown at
 * preview throws and the host reports "can't run policy ... during preview" (advisory), which is
 * what the SDK intends; a remediation mutates the props it got (keeping `__provider`) and returns them.
 */
import type {
  EnforcementLevel,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { VIRTUAL_MACHINE_TYPE, type VirtualMachineSpec } from "../provider/model/virtual-machine-spec";
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

/** The Pulumi policy that runs `rule` on every VM. */
export function toPackPolicy(rule: Rule): ResourceValidationPolicy {
  const validateResource = forVirtualMachines((args: ResourceValidationArgs, report: ReportViolation) => {
    const ctx = contextFor(rule, args);
    for (const finding of rule.check(ctx)) {
      if (finding.levelSetting) {
        const enforcementLevel = (ctx.settings as Record<string, unknown>)[
          finding.levelSetting
        ] as EnforcementLevel;
        if (enforcementLevel === "disabled") continue;
        const violation: LeveledViolation = {
          message: `${rule.description}\n${finding.message}`,
          enforcementLevel,
        };
        (report as unknown as (v: LeveledViolation) => void)(violation);
      } else {
        report(finding.message);
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
    configSchema: toConfigSchema(rule.settings),
    validateResource,
    ...(remediateResource && { remediateResource }),
  };
}

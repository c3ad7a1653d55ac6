/**
 * The shape shared by the rules about an integration service that is enabled although the guest's
 * release lacks the capability behind it: advisory, and the remediation turns the service off.
 */
import type { IntegrationServicesSpec } from "../../provider/model/virtual-machine-spec";
import type { GuestCapabilities } from "../matrix";
import { defineRule, describeGuest, type Rule, type RuleContext } from "../rule";

export interface UnusableServiceRule {
  name: string;
  description: string;
  fix: string;
  severity: Rule["severity"];
  /** The integration service the rule turns off. */
  service: keyof IntegrationServicesSpec;
  /** The release capability the service needs. */
  capability: keyof GuestCapabilities;
  /** What the guest lacks and what follows, after "a <guest> ". */
  consequence: (ctx: RuleContext<unknown>) => string;
  /** What else the fix involves, after "set integrationServices.<service>: false". */
  alsoDo: (ctx: RuleContext<unknown>) => string;
}

/** A rule refusing (at advisory level) `service` on a guest whose release lacks `capability`. */
export function unusableServiceRule(spec: UnusableServiceRule) {
  const { service, capability } = spec;
  const unusable = (ctx: RuleContext<unknown>) =>
    !ctx.capabilities[capability] && ctx.spec.integrationServices[service] === true;
  return defineRule({
    name: spec.name,
    description: spec.description,
    fix: spec.fix,
    enforcementLevel: "advisory",
    severity: spec.severity,
    settings: {},
    check(ctx) {
      if (!unusable(ctx)) return [];
      return [
        {
          message:
            `integrationServices.${service} is enabled, but a ${describeGuest(ctx)} ${spec.consequence(ctx)}. ` +
            `Fix: set integrationServices.${service}: false${spec.alsoDo(ctx)}.`,
        },
      ];
    },
    remediate(ctx) {
      if (!unusable(ctx)) return false;
      ctx.spec.integrationServices[service] = false;
      return true;
    },
  });
}

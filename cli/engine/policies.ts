/**
 * Runs the policy packs over a resource the way the engine's step generator does after Check:
 * Remediate first (with the internal keys), then Analyze; violations at level mandatory (or
 * remediate, when the remediation did not fix them) make the resource invalid.
 */
import type { OperationContext } from "./context";
import type { AnalyzedProvider, AnalyzedResource } from "./policy-pack";
import { revealSecrets, type PropertyMap } from "./properties";
import { makeUrn } from "./urn";

/** The provider every dynamic resource uses, as policies see it. */
export function defaultProviderFor(context: OperationContext): AnalyzedProvider {
  return {
    urn: makeUrn(context.stack, context.project.name, undefined, "pulumi:providers:pulumi-nodejs", "default"),
    type: "pulumi:providers:pulumi-nodejs",
    name: "default",
    properties: context.config.values,
  };
}

/** Remediates and analyzes one resource; returns the (possibly remediated) properties and validity. */
export async function judgeResource(
  context: OperationContext,
  resource: AnalyzedResource,
): Promise<{ properties: PropertyMap; valid: boolean }> {
  const packs = await context.plugins.policyPacks();
  if (packs.length === 0) return { properties: resource.properties, valid: true };
  const provider = defaultProviderFor(context);
  let properties = revealSecrets(resource.properties);
  for (const pack of packs) {
    const remediated = await pack.remediate({ ...resource, properties }, provider);
    if (remediated.properties) {
      properties = remediated.properties;
      for (const policy of remediated.applied) {
        context.events.diagnostic({
          urn: resource.urn,
          severity: "info",
          message: `remediated by policy ${pack.name}/${policy}`,
        });
      }
    }
  }
  let valid = true;
  for (const pack of packs) {
    for (const violation of await pack.analyze({ ...resource, properties }, provider)) {
      context.events.policyViolation(violation);
      if (violation.enforcementLevel === "mandatory" || violation.enforcementLevel === "remediate")
        valid = false;
    }
  }
  return { properties, valid };
}

/** Stack policies over the final resources; returns false on a mandatory violation. */
export async function judgeStack(context: OperationContext, resources: AnalyzedResource[]): Promise<boolean> {
  const packs = await context.plugins.policyPacks();
  let valid = true;
  for (const pack of packs) {
    for (const violation of await pack.analyzeStack(resources, defaultProviderFor(context))) {
      context.events.policyViolation(violation);
      if (violation.enforcementLevel === "mandatory" || violation.enforcementLevel === "remediate")
        valid = false;
    }
  }
  return valid;
}

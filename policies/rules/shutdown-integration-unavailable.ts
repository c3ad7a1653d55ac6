import { defineRule, describeGuest, type Finding, type RuleContext } from "../rule";
import { findingLevelSetting } from "../settings";

/** Why the host cannot shut the guest down, or undefined when it can (capability and service both there). */
function noShutdownIntegration(ctx: RuleContext<unknown>): string | undefined {
  if (!ctx.capabilities.shutdownIntegration) {
    return (
      `a ${describeGuest(ctx)} has no shutdown integration (an integration components limit): the host ` +
      "cannot shut it down, someone must log in to the guest"
    );
  }
  if (!ctx.spec.integrationServices.shutdown) {
    return (
      `the Shutdown service of this ${describeGuest(ctx)} is off (integrationServices.shutdown: false): ` +
      "the host cannot shut it down"
    );
  }
  return undefined;
}

/** Limitation 4: no shutdown integration; the host cannot shut the guest down gracefully. */
export const shutdownIntegrationUnavailable = defineRule({
  name: "linux-ics-shutdown-integration-unavailable",
  description:
    "A Linux guest without shutdown integration (its release lacks it, or the Shutdown service is off) has " +
    "automatic stop action ShutDown (refused), or the Shutdown service is enabled although the release lacks " +
    "shutdown integration (advisory, see shutdownServiceLevel).",
  fix:
    "Set automaticStopAction to Save or TurnOff (or turn the Shutdown service on where the release has shutdown " +
    "integration), and integrationServices.shutdown: false where it has not.",
  enforcementLevel: "mandatory",
  severity: "high",
  settings: {
    shutdownServiceLevel: findingLevelSetting(
      "Level of the finding 'Shutdown service enabled' (advisory by default)",
    ),
  },
  check(ctx) {
    const why = noShutdownIntegration(ctx);
    if (why === undefined) return [];
    const findings: Finding[] = [];
    if (ctx.spec.automaticStopAction === "ShutDown") {
      const orService = ctx.capabilities.shutdownIntegration
        ? ", or turn the Shutdown service on: integrationServices.shutdown: true"
        : "";
      findings.push({
        message:
          `automaticStopAction is ShutDown, but ${why}, so a host shutdown cannot stop this VM. ` +
          `Fix: set automaticStopAction: Save (with timeSync.stepOnResume: true) or TurnOff${orService}.`,
      });
    }
    if (!ctx.capabilities.shutdownIntegration && ctx.spec.integrationServices.shutdown) {
      findings.push({
        levelSetting: "shutdownServiceLevel",
        message: `integrationServices.shutdown is enabled, but ${why}. Fix: set integrationServices.shutdown: false.`,
      });
    }
    return findings;
  },
});

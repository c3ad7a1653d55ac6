import { defineRule, describeGuest, type Finding } from "../rule";
import { findingLevelSetting } from "../settings";

/** Limitation 4: no shutdown integration; the host cannot shut the guest down gracefully. */
export const shutdownIntegrationUnavailable = defineRule({
  name: "linux-ics-shutdown-integration-unavailable",
  description:
    "A Linux guest without shutdown integration has automatic stop action ShutDown (refused) or the Shutdown " +
    "service enabled (advisory, see shutdownServiceLevel).",
  fix: "Set automaticStopAction to Save or TurnOff, and integrationServices.shutdown: false.",
  enforcementLevel: "mandatory",
  severity: "high",
  settings: {
    shutdownServiceLevel: findingLevelSetting(
      "Level of the finding 'Shutdown service enabled' (advisory by default)",
    ),
  },
  check(ctx) {
    if (ctx.capabilities.shutdownIntegration) return [];
    const why = `a ${describeGuest(ctx)} has no shutdown integration: the host cannot shut it down, someone must log in to the guest`;
    const findings: Finding[] = [];
    if (ctx.spec.automaticStopAction === "ShutDown") {
      findings.push({
        message:
          `automaticStopAction is ShutDown, but ${why}, so a host shutdown cannot stop this VM. ` +
          "Fix: set automaticStopAction: Save (with timeSync.stepOnResume: true) or TurnOff.",
      });
    }
    if (ctx.spec.integrationServices.shutdown) {
      findings.push({
        levelSetting: "shutdownServiceLevel",
        message: `integrationServices.shutdown is enabled, but ${why}. Fix: set integrationServices.shutdown: false.`,
      });
    }
    return findings;
  },
});

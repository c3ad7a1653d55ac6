import { defineRule, describeGuest } from "../rule";

/** Limitation 2: the Time Synchronization service has nothing to talk to in the guest. */
export const hostTimeSyncUnavailable = defineRule({
  name: "linux-ics-host-time-sync-unavailable",
  description:
    "The Time Synchronization integration service is enabled for a Linux guest that cannot use it.",
  fix: "Set integrationServices.timeSynchronization: false and keep time with NTP.",
  enforcementLevel: "advisory",
  severity: "low",
  settings: {},
  check(ctx) {
    if (ctx.capabilities.hostTimeSync || !ctx.spec.integrationServices.timeSynchronization) return [];
    return [
      {
        message:
          `integrationServices.timeSynchronization is enabled, but a ${describeGuest(ctx)} has no time ` +
          "synchronization with the host, so the service does nothing. " +
          "Fix: set integrationServices.timeSynchronization: false and keep time with NTP (timeSync.ntpServers).",
      },
    ];
  },
  remediate(ctx) {
    if (ctx.capabilities.hostTimeSync || !ctx.spec.integrationServices.timeSynchronization) return false;
    ctx.spec.integrationServices.timeSynchronization = false;
    return true;
  },
});

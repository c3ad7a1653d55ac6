import { unusableServiceRule } from "./unusable-service";

/** Limitation 2: the Time Synchronization service has nothing to talk to in the guest. */
export const hostTimeSyncUnavailable = unusableServiceRule({
  name: "linux-ics-host-time-sync-unavailable",
  description:
    "The Time Synchronization integration service is enabled for a Linux guest that cannot use it.",
  fix: "Set integrationServices.timeSynchronization: false and keep time with NTP.",
  severity: "low",
  service: "timeSynchronization",
  capability: "hostTimeSync",
  consequence: () =>
    "has no time synchronization with the host (an integration components limit), so the service does nothing",
  alsoDo: () => " and keep time with NTP (timeSync.ntpServers)",
});

import { defineRule, hasHostTimeSync, noHostTimeSync, type Finding } from "../rule";

/** Limitation 2: without host time sync the guest clock drifts; the guest must use NTP, often. */
export const ntpRequired = defineRule({
  name: "linux-ics-ntp-required",
  description:
    "A Linux guest without host time synchronization has too few NTP servers or polls them less often than required.",
  fix: "List NTP servers in timeSync.ntpServers and set timeSync.maxPollSeconds to at most the configured limit.",
  enforcementLevel: "mandatory",
  severity: "high",
  settings: {
    minServers: {
      type: "integer",
      minimum: 1,
      default: 1,
      description: "Fewest NTP servers a guest must list",
    },
    maxPollSeconds: {
      type: "integer",
      minimum: 16,
      maximum: 131072,
      default: 1024,
      description: "Longest NTP polling interval (ntpd maxpoll) allowed, in seconds",
    },
  },
  check(ctx) {
    if (hasHostTimeSync(ctx)) return [];
    const { minServers, maxPollSeconds } = ctx.settings;
    const timeSync = ctx.spec.timeSync;
    const why = `${noHostTimeSync(ctx)}, so its clock runs fast or slow unless NTP corrects it`;
    const orHostSync = ctx.capabilities.hostTimeSync
      ? ", or turn host time sync on: integrationServices.timeSynchronization: true"
      : "";
    const findings: Finding[] = [];
    const count = timeSync.ntpServers.length;
    if (count < minServers) {
      findings.push({
        message:
          `timeSync.ntpServers lists ${count} NTP server${count === 1 ? "" : "s"}, but ${why}. ` +
          `Fix: list at least ${minServers} in timeSync.ntpServers, e.g. ["ntp1.example.com"]${orHostSync}.`,
      });
    }
    if (timeSync.maxPollSeconds > maxPollSeconds) {
      findings.push({
        message:
          `timeSync.maxPollSeconds is ${timeSync.maxPollSeconds}, but ${why} periodically and frequently ` +
          `(at least every ${maxPollSeconds} s). ` +
          `Fix: set timeSync.maxPollSeconds: ${maxPollSeconds} or less${orHostSync}.`,
      });
    }
    return findings;
  },
});

import { citation, defineRule, describeGuest, type Finding, type RuleContext } from "../rule";
import { findingLevelSetting } from "../settings";

const CHRONY_LINE = "refclock PHC /dev/ptp_hyperv poll 3 dpoll -2 offset 0 stratum 2";

function ptpSource(ctx: RuleContext<unknown>): string {
  const source = ctx.row?.ptpClock.source;
  return source ? ` (${citation(source)})` : "";
}

/**
 * Since kernel 4.11 the Time Synchronization service gives a Linux guest the host's clock as a PTP
 * clock (`/dev/ptp_hyperv`) and otherwise only sets the clock after a host event; the guest keeps
 * time continuously only if chrony reads that clock (ntpd cannot) or NTP servers are configured
 * ("Time sync for Linux VMs in Azure", Overview and chrony).
 */
export const ptpTimeSource = defineRule({
  name: "linux-ptp-time-source",
  description:
    "A Linux guest whose host clock arrives as the PTP clock /dev/ptp_hyperv neither reads it with chrony nor lists NTP servers, " +
    "or reads a PTP clock it does not have.",
  fix: "Set timeSync.ptpRefclock: true (chrony with refclock PHC /dev/ptp_hyperv) with integrationServices.timeSynchronization on, or list NTP servers in timeSync.ntpServers.",
  enforcementLevel: "mandatory",
  severity: "high",
  settings: {
    unverifiedLevel: findingLevelSetting(
      "Level of the finding 'timeSync.ptpRefclock on a guest no page documents a PTP clock for' (advisory by default)",
    ),
  },
  check(ctx) {
    const { timeSync, integrationServices } = ctx.spec;
    const serviceOn = integrationServices.timeSynchronization;
    const findings: Finding[] = [];
    if (timeSync.ptpRefclock === true) {
      if (!serviceOn) {
        findings.push({
          message:
            "timeSync.ptpRefclock is on, but integrationServices.timeSynchronization is off: the PTP clock " +
            "/dev/ptp_hyperv is the Time Synchronization service's (VMICTimeSync), so chrony has no clock to read. " +
            "Fix: set integrationServices.timeSynchronization: true, or timeSync.ptpRefclock: false and list NTP servers.",
        });
      }
      const value = ctx.row?.ptpClock.value ?? "no";
      if (!ctx.capabilities.hostTimeViaPtp) {
        findings.push({
          ...(value === "unknown" && { levelSetting: "unverifiedLevel" }),
          message: `timeSync.ptpRefclock is on, but ${
            value === "no"
              ? `a ${describeGuest(ctx)} has no /dev/ptp_hyperv (its kernel is older than 4.11)${ptpSource(ctx)}`
              : `no page read documents /dev/ptp_hyperv for a ${describeGuest(ctx)}`
          }. Fix: set timeSync.ptpRefclock: false and list NTP servers in timeSync.ntpServers.`,
        });
      }
      return findings;
    }
    if (ctx.capabilities.hostTimeViaPtp && serviceOn && timeSync.ntpServers.length === 0) {
      findings.push({
        message:
          `timeSync.ptpRefclock is off and timeSync.ntpServers is empty, but a ${describeGuest(ctx)} gets the host's ` +
          `clock only as the PTP clock /dev/ptp_hyperv${ptpSource(ctx)}: ntpd cannot read it, so the clock drifts ` +
          `between host events. Fix: set timeSync.ptpRefclock: true (chrony.conf: "${CHRONY_LINE}"), or list NTP servers.`,
      });
    }
    return findings;
  },
  remediate(ctx) {
    const { timeSync, integrationServices } = ctx.spec;
    if (timeSync.ptpRefclock === true || !ctx.capabilities.hostTimeViaPtp) return false;
    if (!integrationServices.timeSynchronization || timeSync.ntpServers.length > 0) return false;
    timeSync.ptpRefclock = true;
    return true;
  },
});

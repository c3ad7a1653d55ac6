import { citation, defineRule, describeGuest, type Finding } from "../rule";

/** The integration services whose in-kernel driver needs a user-space daemon, and what fails without it. */
const SERVICES = [
  {
    service: "keyValuePairExchange",
    daemon: "keyValuePair",
    what: "KVP",
    without: "the host never learns the guest's IP addresses or name (Get-VMNetworkAdapter shows none)",
  },
  {
    service: "vss",
    daemon: "vss",
    what: "VSS",
    without: "a live backup cannot freeze the guest's file systems",
  },
  {
    service: "guestServiceInterface",
    daemon: "fileCopy",
    what: "file copy",
    without: "Copy-VMFile cannot write into the guest",
  },
] as const;

/**
 * The in-kernel KVP, VSS and file copy drivers talk to user-space daemons that the distribution
 * ships in a separate package (hyperv-daemons on RHEL, CentOS, Oracle Linux and Debian); the support
 * pages' notes say it must be installed for the feature to work.
 */
export const hypervDaemonsRequired = defineRule({
  name: "linux-hyperv-daemons-required",
  description:
    "A Linux guest with in-kernel drivers has the Key-Value Pair Exchange, VSS or Guest Service Interface service on " +
    "without the Hyper-V daemons package its distribution needs for it.",
  fix: "Install the distribution's Hyper-V daemons package in the guest and set guest.hypervDaemons: true, or turn the service off.",
  enforcementLevel: "mandatory",
  severity: "high",
  settings: {},
  check(ctx) {
    const daemons = ctx.row?.daemons;
    if (!daemons || daemons.package === undefined || ctx.guest.hypervDaemons === true) return [];
    const source = daemons.source ? ` (${citation(daemons.source)})` : "";
    const findings: Finding[] = [];
    for (const { service, daemon, what, without } of SERVICES) {
      if (!daemons[daemon] || !ctx.spec.integrationServices[service]) continue;
      findings.push({
        message:
          `integrationServices.${service} is on, but the in-kernel ${what} driver of a ${describeGuest(ctx)} needs the ` +
          `user-space daemon of the ${daemons.package} package${source}, and guest.hypervDaemons is not true: ${without}. ` +
          `Fix: install ${daemons.package} in the guest and set guest.hypervDaemons: true, or set integrationServices.${service}: false.`,
      });
    }
    return findings;
  },
});

import { defineRule, describeGuest, type Finding } from "../rule";

const STANDARD_MTU = 1500;

/** Limitation 6: no VMQ, no jumbo frames (nor LSOv2, checksum offload, TCP Chimney). */
export const networkOffloadsUnavailable = defineRule({
  name: "linux-ics-network-offloads-unavailable",
  description:
    "A network adapter of a Linux guest without network offloads has VMQ on (vmqWeight > 0) or an MTU above 1500.",
  fix: "Set vmqWeight: 0 and mtu: 1500 on every adapter.",
  enforcementLevel: "mandatory",
  severity: "medium",
  settings: {},
  check(ctx) {
    if (ctx.capabilities.networkOffloads) return [];
    const why = `a ${describeGuest(ctx)} cannot use Hyper-V network offloads (VMQ, jumbo frames, LSOv2, checksum offload, TCP Chimney)`;
    const findings: Finding[] = [];
    ctx.spec.networkAdapters.forEach((nic, i) => {
      if (nic.vmqWeight > 0) {
        findings.push({
          message: `networkAdapters[${i}] "${nic.name}" has VMQ on (vmqWeight ${nic.vmqWeight}), but ${why}. Fix: set vmqWeight: 0.`,
        });
      }
      if (nic.mtu > STANDARD_MTU) {
        findings.push({
          message: `networkAdapters[${i}] "${nic.name}" has mtu ${nic.mtu} (jumbo frames), but ${why}. Fix: set mtu: ${STANDARD_MTU}.`,
        });
      }
    });
    return findings;
  },
  remediate(ctx) {
    if (ctx.capabilities.networkOffloads) return false;
    let changed = false;
    for (const nic of ctx.spec.networkAdapters) {
      if (nic.vmqWeight > 0) {
        nic.vmqWeight = 0;
        changed = true;
      }
      if (nic.mtu > STANDARD_MTU) {
        nic.mtu = STANDARD_MTU;
        changed = true;
      }
    }
    return changed;
  },
});

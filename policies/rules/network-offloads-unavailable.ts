import { defineRule, describeGuest, type Finding } from "../rule";

const STANDARD_MTU = 1500;

/**
 * Limitation 6: no VMQ (nor LSOv2, checksum offload, TCP Chimney) and no jumbo frames. Later
 * releases lift the two separately (LIS 3.4 has jumbo frames, the offloads came with LIS 4.x).
 */
export const networkOffloadsUnavailable = defineRule({
  name: "linux-ics-network-offloads-unavailable",
  description:
    "A network adapter of a Linux guest has VMQ on (vmqWeight > 0) without network offloads, or an MTU above 1500 without jumbo frames.",
  fix: "Set vmqWeight: 0 and mtu: 1500 on every adapter (each where the release lacks it).",
  enforcementLevel: "mandatory",
  severity: "medium",
  settings: {},
  check(ctx) {
    const { networkOffloads, jumboFrames } = ctx.capabilities;
    const offloads = `a ${describeGuest(ctx)} cannot use Hyper-V network offloads (VMQ, LSOv2, checksum offload, TCP Chimney)`;
    const jumbo = `a ${describeGuest(ctx)} cannot use jumbo frames`;
    const findings: Finding[] = [];
    ctx.spec.networkAdapters.forEach((nic, i) => {
      if (!networkOffloads && nic.vmqWeight > 0) {
        findings.push({
          message: `networkAdapters[${i}] "${nic.name}" has VMQ on (vmqWeight ${nic.vmqWeight}), but ${offloads}. Fix: set vmqWeight: 0.`,
        });
      }
      if (!jumboFrames && nic.mtu > STANDARD_MTU) {
        findings.push({
          message: `networkAdapters[${i}] "${nic.name}" has mtu ${nic.mtu} (jumbo frames), but ${jumbo}. Fix: set mtu: ${STANDARD_MTU}.`,
        });
      }
    });
    return findings;
  },
  remediate(ctx) {
    const { networkOffloads, jumboFrames } = ctx.capabilities;
    let changed = false;
    for (const nic of ctx.spec.networkAdapters) {
      if (!networkOffloads && nic.vmqWeight > 0) {
        nic.vmqWeight = 0;
        changed = true;
      }
      if (!jumboFrames && nic.mtu > STANDARD_MTU) {
        nic.mtu = STANDARD_MTU;
        changed = true;
      }
    }
    return changed;
  },
});

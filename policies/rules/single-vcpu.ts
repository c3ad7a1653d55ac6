import { defineRule, describeGuest } from "../rule";

/** Limitation 1: a Linux guest is supported with the release's number of virtual processors only (one for ICs v2). */
export const singleVcpu = defineRule({
  name: "linux-ics-single-vcpu",
  description:
    "A Linux guest has more virtual processors than its integration components support (one for ICs v2).",
  fix: "Set processorCount to the release's limit (1 for Linux ICs v2).",
  enforcementLevel: "mandatory",
  severity: "high",
  settings: {},
  check(ctx) {
    const max = ctx.capabilities.maxVirtualProcessors;
    const count = ctx.spec.processorCount;
    if (count <= max) return [];
    return [
      {
        message:
          `processorCount is ${count}, but a ${describeGuest(ctx)} is supported with ${max} virtual ` +
          `processor${max === 1 ? "" : "s"} only. Fix: set processorCount: ${max}.`,
      },
    ];
  },
  remediate(ctx) {
    const max = ctx.capabilities.maxVirtualProcessors;
    if (ctx.spec.processorCount <= max) return false;
    ctx.spec.processorCount = max;
    return true;
  },
});

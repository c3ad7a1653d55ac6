import { citation, defineRule, describeGuest } from "../rule";

/** ICs v2-era kernels cannot boot as Generation 2 guests (Generation 2 did not exist in Hyper-V 2.0). */
export const generation1 = defineRule({
  name: "linux-ics-generation-1",
  description: "A Linux guest whose integration components predate Generation 2 VMs is a Generation 2 VM.",
  fix: "Set generation: 1 (and put the boot disk on IDE).",
  enforcementLevel: "mandatory",
  severity: "critical",
  settings: {},
  check(ctx) {
    if (ctx.spec.generation !== 2 || ctx.capabilities.generation2) return [];
    const why =
      ctx.release === "none"
        ? "without integration components it has no driver for the synthetic-only hardware of a Generation 2 VM " +
          "(SCSI boot disk, synthetic network adapter)"
        : ctx.release === "in-kernel"
          ? `its support page documents no UEFI boot for it${ctx.row ? ` (${citation(ctx.row.source)}, Boot using UEFI)` : ""}, so it boots as a Generation 1 VM only`
          : "its drivers predate Generation 2 VMs (Hyper-V 2.0 had none), so it boots as a Generation 1 VM only";
    return [
      {
        message:
          `generation is 2, but a ${describeGuest(ctx)} cannot boot as a Generation 2 VM: ${why}. ` +
          "Fix: set generation: 1 and attach the boot disk to IDE (controllerType: IDE, controllerNumber: 0, " +
          "controllerLocation: 0).",
      },
    ];
  },
});

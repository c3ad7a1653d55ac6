import { describeGuests, supportStatement, supportsSyntheticDevices } from "../matrix";
import { citation, defineRule, describeGuest, type Finding, type RuleContext } from "../rule";
import { README_SETTING, readmeEdition } from "../settings";

/** Why an in-kernel guest has no documented synthetic devices: no row, an undocumented row, or no Core. */
function inKernelWhy(ctx: RuleContext<unknown>): string {
  const row = ctx.row;
  if (!row) {
    const kernel =
      ctx.guest.distribution === "oracle" ? "; for Oracle Linux declare guest.kernel (rhck, uek4, uek5)" : "";
    return (
      `no Microsoft "Supported ... virtual machines on Hyper-V" page read documents a ${describeGuest(ctx)}` +
      (ctx.guest.distribution === undefined || ctx.guest.version === undefined
        ? " (declare guest.distribution and guest.version)"
        : kernel)
    );
  }
  return `Core (synthetic storage and network devices) is ${row.features.core === "no" ? "not available" : "not documented"} for a ${describeGuest(ctx)} (${citation(row.source)})`;
}

/** A guest the selected release does not list is supported with emulated devices only. */
export const emulatedDevicesOnly = defineRule({
  name: "linux-ics-emulated-devices-only",
  description:
    "A Linux guest that its integration components release does not support (or that has none) uses a " +
    "synthetic network adapter or a SCSI disk.",
  fix: "Use legacy network adapters (legacy: true) and IDE disks, or run a guest the release supports.",
  enforcementLevel: "mandatory",
  severity: "high",
  settings: { readme: README_SETTING },
  check(ctx) {
    const edition = readmeEdition(ctx.settings.readme);
    if (supportsSyntheticDevices(ctx.release, ctx.guest, edition)) return [];
    const statement = supportStatement(ctx.release, edition);
    const why =
      ctx.release === "none"
        ? `a ${describeGuest(ctx)} has no synthetic device drivers and is supported with emulated devices only`
        : ctx.release === "in-kernel"
          ? `${inKernelWhy(ctx)}, so it is supported with emulated devices only`
          : `the ${statement?.title ?? "release"} lists ${describeGuests(statement)}; a ${describeGuest(ctx)} ` +
            `that it does not list is supported with emulated devices only` +
            (ctx.guest.distribution === undefined || ctx.guest.version === undefined
              ? " (declare guest.distribution and guest.version if the guest is listed)"
              : "");
    // Generation 2 has neither legacy adapters nor IDE: the emulated devices need generation 1 first.
    const gen1 = ctx.spec.generation === 2 ? "set generation: 1 and " : "";
    const findings: Finding[] = [];
    ctx.spec.networkAdapters.forEach((nic, i) => {
      if (!nic.legacy) {
        findings.push({
          message: `networkAdapters[${i}] "${nic.name}" is a synthetic network adapter, but ${why}. Fix: ${gen1}set legacy: true on it.`,
        });
      }
    });
    ctx.spec.hardDisks.forEach((disk, i) => {
      if (disk.controllerType === "SCSI") {
        findings.push({
          message:
            `hardDisks[${i}] (${disk.path}) is on a SCSI controller, but ${why}. ` +
            `Fix: ${gen1}attach it to IDE (controllerType: IDE, controllerNumber 0-1, controllerLocation 0-1).`,
        });
      }
    });
    return findings;
  },
});

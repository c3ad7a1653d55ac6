import { defineRule, describeGuest } from "../rule";

/** Limitation 5: no VSS live backup; a backup puts the guest in saved state for the snapshot. */
export const liveBackupUnavailable = defineRule({
  name: "linux-ics-live-backup-unavailable",
  description: "The VSS (Backup) integration service is enabled for a Linux guest without live backup.",
  fix: "Set integrationServices.vss: false, and expect backups to pause the guest.",
  enforcementLevel: "advisory",
  severity: "low",
  settings: {},
  check(ctx) {
    if (ctx.capabilities.liveBackup || !ctx.spec.integrationServices.vss) return [];
    return [
      {
        message:
          `integrationServices.vss is enabled, but a ${describeGuest(ctx)} has no VSS live backup: a host ` +
          "backup (Windows Server Backup, DPM) saves the guest's state, takes the snapshot and resumes it, and " +
          "the guest clock is off afterwards. Fix: set integrationServices.vss: false, schedule backups for " +
          "when a pause is acceptable, and set timeSync.stepOnResume: true.",
      },
    ];
  },
  remediate(ctx) {
    if (ctx.capabilities.liveBackup || !ctx.spec.integrationServices.vss) return false;
    ctx.spec.integrationServices.vss = false;
    return true;
  },
});

import { hasHostTimeSync } from "../rule";
import { unusableServiceRule } from "./unusable-service";

/** Limitation 5: no VSS live backup; a backup puts the guest in saved state for the snapshot. */
export const liveBackupUnavailable = unusableServiceRule({
  name: "linux-ics-live-backup-unavailable",
  description: "The VSS (Backup) integration service is enabled for a Linux guest without live backup.",
  fix: "Set integrationServices.vss: false, and expect backups to pause the guest.",
  severity: "low",
  service: "vss",
  capability: "liveBackup",
  consequence: (ctx) =>
    "has no VSS live backup (an integration components limit): a host backup (Windows Server Backup, DPM) " +
    "saves the guest's state, takes the snapshot and resumes it" +
    (hasHostTimeSync(ctx) ? "" : ", and the guest clock is off afterwards"),
  alsoDo: (ctx) =>
    ", schedule backups for when a pause is acceptable" +
    (hasHostTimeSync(ctx) ? "" : ", and set timeSync.stepOnResume: true"),
});

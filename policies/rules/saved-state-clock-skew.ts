import { defineRule, hasHostTimeSync, noHostTimeSync, type RuleContext } from "../rule";

/** Saved on host stop, no host time sync, and no clock step on resume. */
const skewsOnResume = (ctx: RuleContext<unknown>) =>
  !hasHostTimeSync(ctx) && ctx.spec.automaticStopAction === "Save" && !ctx.spec.timeSync.stepOnResume;

/** Limitation 3: after a restore from saved state the clock stays far off until NTP steps it. */
export const savedStateClockSkew = defineRule({
  name: "linux-ics-saved-state-clock-skew",
  description:
    "A Linux guest without host time synchronization is saved when the host stops (automatic stop action Save) " +
    "but does not step its clock on resume.",
  fix: "Set timeSync.stepOnResume: true (or automaticStopAction: TurnOff).",
  enforcementLevel: "advisory",
  severity: "medium",
  settings: {},
  check(ctx) {
    if (!skewsOnResume(ctx)) return [];
    return [
      {
        message:
          `automaticStopAction is Save and timeSync.stepOnResume is false, but ${noHostTimeSync(ctx)}: after a ` +
          "restore from saved state (or a quick migration, or a backup) its clock stays far off until NTP " +
          "corrects it. Fix: set timeSync.stepOnResume: true, or automaticStopAction: TurnOff" +
          (ctx.capabilities.hostTimeSync
            ? ", or turn host time sync on: integrationServices.timeSynchronization: true."
            : "."),
      },
    ];
  },
  remediate(ctx) {
    if (!skewsOnResume(ctx)) return false;
    ctx.spec.timeSync.stepOnResume = true;
    return true;
  },
});

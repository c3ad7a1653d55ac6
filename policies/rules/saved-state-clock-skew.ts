import { defineRule, describeGuest, hasHostTimeSync } from "../rule";

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
    if (hasHostTimeSync(ctx) || ctx.spec.automaticStopAction !== "Save" || ctx.spec.timeSync.stepOnResume)
      return [];
    return [
      {
        message:
          `automaticStopAction is Save and timeSync.stepOnResume is false, but a ${describeGuest(ctx)} gets no ` +
          "time from the host: after a restore from saved state (or a quick migration, or a backup) its clock " +
          "stays far off until NTP corrects it. Fix: set timeSync.stepOnResume: true, or automaticStopAction: TurnOff.",
      },
    ];
  },
  remediate(ctx) {
    if (hasHostTimeSync(ctx) || ctx.spec.automaticStopAction !== "Save" || ctx.spec.timeSync.stepOnResume)
      return false;
    ctx.spec.timeSync.stepOnResume = true;
    return true;
  },
});

import { mouseIntegrationStatus } from "../matrix";
import { defineRule, describeGuest } from "../rule";
import { findingLevelSetting } from "../settings";

/** The Satori mouse driver: installation fails on SLES 11; works on SLES 10 and RHEL 5.3; elsewhere unknown. */
export const mouseIntegration = defineRule({
  name: "linux-ics-mouse-integration",
  description:
    "Mouse integration is requested on a guest where its installation fails (SLES 11, refused) or where it is " +
    "not known to work (advisory, see unverifiedGuestLevel).",
  fix: "Set guest.mouseIntegration: false (use the emulated mouse).",
  enforcementLevel: "mandatory",
  severity: "medium",
  settings: {
    unverifiedGuestLevel: findingLevelSetting(
      "Level of the finding 'mouse integration on a guest where it is not known to work' (advisory by default)",
    ),
  },
  check(ctx) {
    if (!ctx.guest.mouseIntegration || ctx.capabilities.mouseDriver) return [];
    const status = mouseIntegrationStatus(ctx.release, ctx.guest);
    if (status === "works") return [];
    const source =
      "the mouse driver (inputvsc) comes from Citrix Project Satori, not from the integration components";
    if (status === "fails") {
      return [
        {
          message:
            `guest.mouseIntegration is true, but ${source}, and its installation fails on a ${describeGuest(ctx)} ` +
            "(a limitation the 2010-01 readme lists). Fix: set guest.mouseIntegration: false.",
        },
      ];
    }
    return [
      {
        levelSetting: "unverifiedGuestLevel",
        message:
          `guest.mouseIntegration is true, but ${source}; it is known to work on SLES 10 and RHEL 5.3 with Linux ` +
          `ICs v2 only, not on a ${describeGuest(ctx)}. Fix: set guest.mouseIntegration: false, or verify the driver on this guest.`,
      },
    ];
  },
});

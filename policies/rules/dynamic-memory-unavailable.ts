import { defineRule, describeGuest } from "../rule";
import { findingLevelSetting } from "../settings";

/**
 * Dynamic memory needs a guest driver: hot-add to grow the guest's memory, ballooning to take it
 * back. ICs v2 and LIS 2.1 have neither, so Hyper-V cannot manage the guest's memory at all; a
 * release with ballooning only (LIS 3.5) never grows the guest above its startup memory.
 */
export const dynamicMemoryUnavailable = defineRule({
  name: "linux-ics-dynamic-memory-unavailable",
  description:
    "A Linux guest whose integration components have no memory hot-add or ballooning uses dynamic memory " +
    "(refused), or one with ballooning only has a startup memory below its maximum (advisory, see ballooningOnlyLevel).",
  fix: "Remove dynamicMemory (static memory: memoryStartupMB only); with ballooning only, set memoryStartupMB to dynamicMemory.maximumMB.",
  enforcementLevel: "mandatory",
  severity: "high",
  settings: {
    ballooningOnlyLevel: findingLevelSetting(
      "Level of the finding 'startup memory below the maximum on a guest with ballooning but no hot-add' (advisory by default)",
    ),
  },
  check(ctx) {
    const dm = ctx.spec.dynamicMemory;
    if (dm === undefined) return [];
    const { memoryHotAdd, memoryBallooning } = ctx.capabilities;
    if (!memoryHotAdd && !memoryBallooning) {
      return [
        {
          message:
            `dynamicMemory is set (minimumMB ${dm.minimumMB}, maximumMB ${dm.maximumMB}), but a ${describeGuest(ctx)} ` +
            "has no memory hot-add or ballooning (an integration components limit): Hyper-V can neither give it " +
            "memory nor take memory back. Fix: remove dynamicMemory and size memoryStartupMB for the workload (static memory).",
        },
      ];
    }
    const startup = ctx.spec.memoryStartupMB;
    if (!memoryHotAdd && dm.maximumMB > startup) {
      return [
        {
          levelSetting: "ballooningOnlyLevel",
          message:
            `dynamicMemory.maximumMB is ${dm.maximumMB}, above memoryStartupMB ${startup}, but a ${describeGuest(ctx)} ` +
            `has memory ballooning only, no hot-add: its memory never grows above ${startup} MB. ` +
            `Fix: set memoryStartupMB: ${dm.maximumMB} (equal to dynamicMemory.maximumMB), so ballooning gives back what it does not use.`,
        },
      ];
    }
    return [];
  },
  remediate(ctx) {
    const { memoryHotAdd, memoryBallooning } = ctx.capabilities;
    if (ctx.spec.dynamicMemory === undefined || memoryHotAdd || memoryBallooning) return false;
    delete ctx.spec.dynamicMemory;
    return true;
  },
});

import { citation, defineRule, describeGuest } from "../rule";

const STEP_MB = 128;
const roundUp = (mb: number) => Math.ceil(mb / STEP_MB) * STEP_MB;

/**
 * The support pages' notes: "specify Startup memory, Minimum memory, and Maximum memory parameters
 * in multiples of 128 megabytes (MB). Failure to do so can lead to hot-add failures" (the
 * "hv_balloon: Memory hot add failed" of a guest that never grows).
 */
export const dynamicMemoryMultipleOf128MB = defineRule({
  name: "linux-dynamic-memory-multiple-of-128mb",
  description:
    "A Linux guest with in-kernel drivers uses dynamic memory with a startup, minimum or maximum memory that is not a multiple of 128 MB.",
  fix: "Set memoryStartupMB, dynamicMemory.minimumMB and dynamicMemory.maximumMB to multiples of 128.",
  enforcementLevel: "advisory",
  severity: "medium",
  settings: {},
  check(ctx) {
    const dm = ctx.spec.dynamicMemory;
    const source = ctx.row?.memoryMultipleOf128MB;
    if (!dm || !source || !(ctx.capabilities.memoryHotAdd || ctx.capabilities.memoryBallooning)) return [];
    const values: [string, number][] = [
      ["memoryStartupMB", ctx.spec.memoryStartupMB],
      ["dynamicMemory.minimumMB", dm.minimumMB],
      ["dynamicMemory.maximumMB", dm.maximumMB],
    ];
    const off = values.filter(([, mb]) => mb % STEP_MB !== 0);
    if (off.length === 0) return [];
    return [
      {
        message:
          `${off.map(([field, mb]) => `${field} is ${mb}`).join(", ")}, but dynamic memory on a ${describeGuest(ctx)} ` +
          `needs multiples of ${STEP_MB} MB (${citation(source)}): otherwise hot-add fails and the guest never grows. ` +
          `Fix: ${off.map(([field, mb]) => `${field}: ${roundUp(mb)}`).join(", ")}.`,
      },
    ];
  },
  remediate(ctx) {
    const dm = ctx.spec.dynamicMemory;
    if (!dm || !ctx.row?.memoryMultipleOf128MB) return false;
    if (!(ctx.capabilities.memoryHotAdd || ctx.capabilities.memoryBallooning)) return false;
    const before = [ctx.spec.memoryStartupMB, dm.minimumMB, dm.maximumMB].join();
    ctx.spec.memoryStartupMB = roundUp(ctx.spec.memoryStartupMB);
    dm.minimumMB = roundUp(dm.minimumMB);
    dm.maximumMB = roundUp(dm.maximumMB);
    return before !== [ctx.spec.memoryStartupMB, dm.minimumMB, dm.maximumMB].join();
  },
});

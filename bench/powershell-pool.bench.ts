// A small call through a warm session pool versus a fresh pwsh per call (pool size 0), in the same run.
import { createPool } from "../provider/powershell";

const POOLED_CALLS = 200;
const FRESH_CALLS = 5;
const payload = { name: "web-01", memoryStartupMB: 2048, tags: ["a", "b"] };

async function meanMs(calls: number, call: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await call();
  return Number(process.hrtime.bigint() - started) / 1e6 / calls;
}

async function main(): Promise<void> {
  const pooled = createPool({ size: 1 });
  const fresh = createPool({ size: 0 });
  try {
    await pooled.invoke("echo", payload); // start the session and warm it up
    for (let i = 0; i < 20; i++) await pooled.invoke("echo", payload);
    const pooledMs = await meanMs(POOLED_CALLS, () => pooled.invoke("echo", payload, { kind: "read" }));
    const freshMs = await meanMs(FRESH_CALLS, () => fresh.invoke("echo", payload, { kind: "read" }));
    const concurrent = createPool({ size: 4 });
    try {
      await Promise.all([1, 2, 3, 4].map(() => concurrent.invoke("echo", payload)));
      const started = process.hrtime.bigint();
      await Promise.all(Array.from({ length: POOLED_CALLS }, () => concurrent.invoke("echo", payload)));
      const concurrentMs = Number(process.hrtime.bigint() - started) / 1e6 / POOLED_CALLS;
      console.log(
        `pool of 4, ${POOLED_CALLS} concurrent calls: ${concurrentMs.toFixed(2)} ms per call (wall clock)`,
      );
    } finally {
      await concurrent.close();
    }
    console.log(`pooled session (size 1): ${pooledMs.toFixed(2)} ms per call (${POOLED_CALLS} calls)`);
    console.log(`fresh pwsh per call (size 0): ${freshMs.toFixed(1)} ms per call (${FRESH_CALLS} calls)`);
    console.log(`ratio: the pool is ${(freshMs / pooledMs).toFixed(1)}x faster (target: at least 20x)`);
  } finally {
    await Promise.all([pooled.close(), fresh.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

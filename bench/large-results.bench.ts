// Large results through a warm session: the pool's wall-clock time for a call returning 1, 10 and 50 MB of
// JSON, as a ratio to the time pwsh itself takes to produce that result (run the operation, serialize
// its envelope and print it to stdout), measured in the same session. Reading output must stay linear:
// target within 3x.
import { join } from "node:path";
import { createPool } from "../provider/powershell";

const SIZES_MB = [1, 10, 50];
const TARGET_RATIO = 3;

async function main(): Promise<void> {
  const pool = createPool({ size: 1, scriptDirectories: [join(__dirname, "operations")] });
  try {
    await pool.invoke("bulk-result", { megabytes: 1 }); // start and warm the session
    let worst = 0;
    for (const megabytes of SIZES_MB) {
      const own = await pool.invoke<{ milliseconds: number; characters: number }>("bulk-result-timed", {
        megabytes,
      });
      const started = process.hrtime.bigint();
      const data = await pool.invoke<string[]>("bulk-result", { megabytes }, { timeoutMs: 600_000 });
      const poolMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (data.length !== Math.round(megabytes * 1024)) throw new Error(`wrong result for ${megabytes} MB`);
      const ratio = poolMs / own.milliseconds;
      worst = Math.max(worst, ratio);
      console.log(
        `${megabytes} MB (${(own.characters / 1e6).toFixed(1)} M characters): pool ${poolMs.toFixed(0)} ms, ` +
          `pwsh alone ${own.milliseconds.toFixed(0)} ms, ratio ${ratio.toFixed(2)}x`,
      );
    }
    console.log(`worst ratio: ${worst.toFixed(2)}x (target: at most ${TARGET_RATIO}x)`);
  } finally {
    await pool.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

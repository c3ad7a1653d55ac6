/**
 * `pulumi-hyperv up` of the demo stack on the simulated host, in a stack of its own (`bench`, with its
 * own simulator state), split into program start, policy pack start and steps:
 * - cold: nothing deployed yet (`up --skip-preview`);
 * - no change: the same program again (`up`, preview included), target under 5 s;
 * - policy pack start (target under 1.5 s), and the same host started on the type-checked TypeScript
 *   entry the policy host compiles when the pack has no JavaScript `main`.
 * Every figure is measured in this run; ratios compare them with the targets and with each other.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseDeploymentFlags, COMMON_FLAGS, PROGRAM_FLAGS } from "../cli/commands/deployment-flags";
import { HOST_SCRIPTS, startHost, UNUSED_ENGINE_ADDRESS } from "../cli/engine/hosts";
import { runOperation, type OperationTimings } from "../cli/operation";

const ROOT = join(__dirname, "..");
const STACK = "bench";
const NO_CHANGE_TARGET_MS = 5000;
const PACK_START_TARGET_MS = 1500;

async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
}

async function up(args: string[]): Promise<OperationTimings> {
  const timings: OperationTimings = { totalMs: 0 };
  const flags = parseDeploymentFlags(
    ["--yes", "--stack", STACK, "--policy-pack", "./policies", ...args],
    "up",
    [...COMMON_FLAGS, ...PROGRAM_FLAGS],
  );
  const code = await quietly(() => runOperation("up", { ...flags, cwd: ROOT }, timings));
  if (code !== 0) throw new Error(`up ${args.join(" ")} exited with ${code}`);
  return timings;
}

async function packStart(entry: string): Promise<number> {
  const start = performance.now();
  const host = await startHost(HOST_SCRIPTS.policyPack, [UNUSED_ENGINE_ADDRESS, entry], {
    cwd: join(ROOT, "policies"),
    startTimeoutMs: 180000,
  });
  const ms = performance.now() - start;
  await host.stop();
  return ms;
}

function report(label: string, t: OperationTimings): void {
  const program = t.lastProgramStartMs ?? 0;
  const steps = (t.passMs ?? 0) - program;
  console.log(
    `${label}: total ${t.totalMs.toFixed(0)} ms = program start ${program.toFixed(0)} ms (last pass) + steps ` +
      `${steps.toFixed(0)} ms (+ ${(t.totalMs - (t.passMs ?? 0)).toFixed(0)} ms before the pass: files, preview, hosts); ` +
      `policy pack start ${(t.policyPackStartMs ?? 0).toFixed(0)} ms (in parallel)`,
  );
}

async function main(): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), "pulumi-hyperv-bench-"));
  const stackFile = join(ROOT, `Pulumi.${STACK}.yaml`);
  writeFileSync(
    stackFile,
    `config:\n  hyperv:host: simulator\n  hyperv:simulatorStateDir: ${JSON.stringify(state)}\n` +
      `  hyperv-demo:ntpServers: ["0.pool.ntp.org", "1.pool.ntp.org"]\n`,
  );
  try {
    const cold = await up(["--skip-preview"]);
    report("cold up (8 resources)", cold);
    const unchanged = await up([]);
    report("no-change up", unchanged);
    console.log(`no-change up / 5 s target: ${(unchanged.totalMs / NO_CHANGE_TARGET_MS).toFixed(2)}`);
    console.log(`no-change up / cold up: ${(unchanged.totalMs / cold.totalMs).toFixed(2)}`);

    const fast = await packStart(".");
    const typeChecked = await packStart("./index.ts");
    console.log(
      `policy pack start: ${fast.toFixed(0)} ms through main.js (ratio to the 1.5 s target ` +
        `${(fast / PACK_START_TARGET_MS).toFixed(2)}); ${typeChecked.toFixed(0)} ms through index.ts type-checked ` +
        `by the host (ts-node); main.js / type-checked: ${(fast / typeChecked).toFixed(2)}`,
    );
    await quietly(async () => {
      const flags = parseDeploymentFlags(["--yes", "--stack", STACK], "destroy", COMMON_FLAGS);
      await runOperation("destroy", { ...flags, cwd: ROOT });
    });
  } finally {
    rmSync(stackFile, { force: true });
    rmSync(join(ROOT, ".pulumi-hyperv", "stacks", `${STACK}.json`), { force: true });
    rmSync(state, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

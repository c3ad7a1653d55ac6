// VirtualMachine creates through one provider against the simulated host: the pooled runtime versus a
// fresh pwsh per call (pool size 0), in the same run; and how many PowerShell calls each step costs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { lazyProvider } from "../provider/resources/lazy-provider";
import { closeHostPools, powerShellCalls } from "../provider/resources/implementation";

const CREATES = 50;
const CONCURRENCY = 10;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const inputs = (i: number) => ({
  vmName: `bench-${i}`,
  memoryStartupMB: 512,
  guest: { family: "linux", distribution: "sles", version: "11" },
  networkAdapters: [{ name: "lan", vlanId: 10 }],
  timeSync: { ntpServers: ["ntp1.example.com"] },
});

function configure(provider: pulumi.dynamic.ResourceProvider, values: Record<string, string>) {
  return provider.configure!({
    config: { get: (key: string) => values[key] },
  } as pulumi.dynamic.ConfigureRequest);
}

function totalCalls(): number {
  return Object.values(powerShellCalls()).reduce((a, b) => a + b, 0);
}

/** Creates `CREATES` VMs, `CONCURRENCY` at a time; returns the wall-clock ms and the ids. */
async function createAll(provider: pulumi.dynamic.ResourceProvider, offset: number) {
  const ids: string[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < CREATES; i += CONCURRENCY) {
    const batch = Array.from({ length: CONCURRENCY }, async (_, j) => {
      const checked = await provider.check!({}, inputs(offset + i + j));
      return (await provider.create(checked.inputs)).id;
    });
    ids.push(...(await Promise.all(batch)));
  }
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, ids };
}

async function main(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), "hyperv-bench-"));
  const vm = lazyProvider("VirtualMachine");
  try {
    // Preview: check and diff of 50 VMs, some inputs unknown.
    await configure(vm, { "hyperv:simulatorStateDir": stateDir });
    const beforePreview = totalCalls();
    for (let i = 0; i < CREATES; i++) {
      const checked = await vm.check!({}, { ...inputs(i), notes: i % 2 ? UNKNOWN : "n" });
      await vm.diff!(
        `id-${i}`,
        { ...checked.inputs, vmId: `id-${i}` },
        { ...checked.inputs, processorCount: 2 },
      );
    }
    const previewCalls = totalCalls() - beforePreview;
    console.log(`preview of ${CREATES} VMs: ${previewCalls} PowerShell calls in check and diff (target: 0)`);

    // One VM through its lifecycle: PowerShell calls per operation.
    const perOperation: Record<string, number> = {};
    const count = async (name: string, step: () => Promise<unknown>) => {
      const before = totalCalls();
      await step();
      perOperation[name] = totalCalls() - before;
    };
    const checked = await vm.check!({}, inputs(1000));
    let id = "";
    let outs: Record<string, unknown> = {};
    await count("create", async () => ({ id, outs } = await vm.create(checked.inputs)));
    await count("read", () => vm.read!(id, outs));
    await count("update", () => vm.update!(id, outs, { ...checked.inputs, notes: "updated" }));
    await count("delete", () => vm.delete!(id, outs));
    const calls = Object.entries(perOperation).map(([k, v]) => `${k} ${v}`);
    console.log(`PowerShell calls per operation: ${calls.join(", ")} (target: 1 each)`);

    // Every VM starts, and the simulated host refuses to start more than its memory holds (as a
    // real one does): each phase's VMs are deleted before the next phase.
    const deleteAll = async (ids: string[]) => {
      for (let i = 0; i < ids.length; i += CONCURRENCY)
        await Promise.all(ids.slice(i, i + CONCURRENCY).map((vmId) => vm.delete!(vmId, {})));
    };
    await deleteAll((await createAll(vm, 2000)).ids); // warm the pool's sessions
    const pooled = await createAll(vm, 0);
    await deleteAll(pooled.ids);
    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    console.log(
      `pooled runtime: ${CREATES} creates at concurrency ${CONCURRENCY} in ${seconds(pooled.ms)} s`,
    );
    await closeHostPools();
    await configure(vm, { "hyperv:simulatorStateDir": stateDir, "hyperv:poolSize": "0" });
    const fresh = await createAll(vm, 100);
    await closeHostPools();

    console.log(
      `fresh pwsh per call: ${CREATES} creates at concurrency ${CONCURRENCY} in ${seconds(fresh.ms)} s`,
    );
    console.log(
      `ratio: the pooled runtime is ${(fresh.ms / pooled.ms).toFixed(1)}x faster (target: at least 5x)`,
    );
  } finally {
    await closeHostPools();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

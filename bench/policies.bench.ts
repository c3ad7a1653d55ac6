/**
 * Policy pack benchmarks:
 * - evaluateVirtualMachine over 10,000 VMs in one process (target: under 1 s);
 * - Analyze over gRPC against Pulumi's analyzer host, per resource (p50, p95).
 */
import { performance } from "node:perf_hooks";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { evaluateVirtualMachine } from "../policies/api";
import {
  parseVirtualMachine,
  UNKNOWN,
  VIRTUAL_MACHINE_TYPE,
  type VirtualMachineSpec,
} from "../provider/model";
import { analyzeRequest, configureRequest, startPolicyPack } from "../test/pulumi-hosts/analyzer";
import { unary } from "../test/pulumi-hosts/harness";

const VMS = 10_000;
const TARGET_MS = 1000;
const GRPC_CALLS = 500;

const GUESTS = [
  { family: "linux", distribution: "sles", version: "11", integrationComponents: "linux-ics-v2" },
  { family: "linux", distribution: "rhel", version: "5.4", integrationComponents: "linux-ics-v2" },
  { family: "linux", distribution: "rhel", version: "5.5", integrationComponents: "lis-2.1" },
  { family: "linux", distribution: "debian", version: "5.0", integrationComponents: "none" },
  { family: "windows" },
];

const LIS_3_5_GUEST = {
  family: "linux",
  distribution: "centos",
  version: "6.3",
  integrationComponents: "lis-3.5",
};

/** A mix of compliant and violating VMs, a few with values unknown at preview. */
function input(i: number): Record<string, unknown> {
  return {
    vmName: `vm${i}`,
    memoryStartupMB: 512 + 2 * (i % 512),
    processorCount: i % 7 === 0 ? 2 : 1,
    ...(i % 13 === 0 && { dynamicMemory: { minimumMB: 256, maximumMB: 4096 } }),
    generation: i % 53 === 0 ? 2 : 1,
    guest: { ...(i % 17 === 0 ? LIS_3_5_GUEST : GUESTS[i % GUESTS.length]), mouseIntegration: i % 11 === 0 },
    networkAdapters: [{ name: "eth0", mtu: i % 5 === 0 ? 9000 : 1500 }, { name: "eth1" }],
    hardDisks: [
      {
        path: `C:\\vm\\${i}.vhdx`,
        controllerType: i % 53 === 0 ? "SCSI" : "IDE",
        controllerNumber: 0,
        controllerLocation: 0,
      },
    ],
    automaticStopAction: i % 3 === 0 ? "ShutDown" : "Save",
    timeSync: { ntpServers: i % 4 === 0 ? [] : ["ntp1.example.com"] },
    ...(i % 97 === 0 && { processorCount: UNKNOWN }),
  };
}

function spec(i: number): VirtualMachineSpec {
  const parsed = parseVirtualMachine(input(i));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.failures));
  return parsed.spec;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function main(): Promise<void> {
  let start = performance.now();
  const specs = Array.from({ length: VMS }, (_, i) => spec(i));
  const parseMs = performance.now() - start;

  evaluateVirtualMachine(specs[0]); // load and compile the rules once
  start = performance.now();
  let violations = 0;
  for (const s of specs) violations += evaluateVirtualMachine(s).length;
  const evalMs = performance.now() - start;
  console.log(
    `parseVirtualMachine: ${VMS} VMs in ${parseMs.toFixed(0)} ms (${((parseMs * 1000) / VMS).toFixed(1)} µs/VM)`,
  );
  console.log(
    `evaluateVirtualMachine: ${VMS} VMs in ${evalMs.toFixed(0)} ms (${((evalMs * 1000) / VMS).toFixed(1)} µs/VM, ` +
      `${violations} violations); ratio to the 1 s target: ${(evalMs / TARGET_MS).toFixed(3)}`,
  );

  start = performance.now();
  const { host, client } = await startPolicyPack();
  const startupMs = performance.now() - start;
  try {
    const info = await unary(client, "getAnalyzerInfo", new Empty());
    await unary(client, "configure", configureRequest(info));
    const requests = specs
      .slice(0, GRPC_CALLS)
      .map((s, i) => analyzeRequest(VIRTUAL_MACHINE_TYPE, `vm${i}`, s as unknown as Record<string, unknown>));
    for (const r of requests.slice(0, 50)) await unary(client, "analyze", r);
    const times: number[] = [];
    for (const r of requests) {
      const t = performance.now();
      await unary(client, "analyze", r);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const p50 = percentile(times, 0.5);
    console.log(`policy host startup (TypeScript pack, type-checked): ${startupMs.toFixed(0)} ms`);
    console.log(
      `Analyze over gRPC: ${GRPC_CALLS} calls, p50 ${p50.toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms per resource; ` +
        `ratio p50 / in-process evaluation: ${(p50 / (evalMs / VMS)).toFixed(0)}x`,
    );
  } finally {
    client.close();
    await host.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

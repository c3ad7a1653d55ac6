/** Shared set-up of the resource suites: a simulated host, a program directory, a provider host, helper pools. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPool, type SessionPool } from "../../provider/powershell";
import { PACKAGE_ROOT, programDirectory, ProviderHost, serializedProvider } from "./provider-host";
import type { ResourceTypeName } from "../../provider/resources/lazy-provider";

/** Test-only operations that inspect or change the simulated host out of band. */
export const TEST_OPERATIONS = join(__dirname, "operations");

export interface SimulatorFixture {
  stateDir: string;
  program: { path: string; dispose(): void };
  host: ProviderHost;
  /** A pool on the same simulated host that runs the test operations. */
  outOfBand: SessionPool;
  providers: Record<ResourceTypeName, string>;
  dispose(): Promise<void>;
}

/** Starts everything a resource suite needs; `config` adds stack config. */
export async function startSimulatorFixture(
  config: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<SimulatorFixture> {
  const stateDir = mkdtempSync(join(tmpdir(), "hyperv-sim-"));
  const program = programDirectory(PACKAGE_ROOT);
  const host = await ProviderHost.start(
    program.path,
    {
      "hyperv:simulatorStateDir": stateDir,
      "hyperv:poolSize": "3",
      ...config,
    },
    env,
  );
  const outOfBand = createPool({
    size: 1,
    simulatorStateDir: stateDir,
    scriptDirectories: [TEST_OPERATIONS],
  });
  const providers = {
    VirtualMachine: await serializedProvider("VirtualMachine"),
    VirtualHardDisk: await serializedProvider("VirtualHardDisk"),
    VirtualSwitch: await serializedProvider("VirtualSwitch"),
  };
  return {
    stateDir,
    program,
    host,
    outOfBand,
    providers,
    async dispose() {
      await host.stop();
      await outOfBand.close();
      program.dispose();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** A VM as the test-vm-list operation reports it. */
export interface ListedVm {
  id: string;
  name: string;
  notes: string;
  state: string;
  processorCount: number;
  profile: string;
  adapters: string[];
}

export const listVms = (pool: SessionPool) => pool.invoke<ListedVm[]>("test-vm-list", {}, { kind: "read" });

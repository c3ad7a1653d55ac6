import { strict as assert } from "node:assert";
import { join } from "node:path";
import { createPool, type SessionPool } from "../../provider/powershell";
import { TEST_OPERATIONS, type ListedVm } from "../pulumi-hosts/vm-support";
import {
  ExampleProject,
  jsonOf,
  POLICY_PACK,
  simulatorContentsOf,
  simulatorVms,
  type SimulatorContents,
} from "./support";

const EMPTY: SimulatorContents = { vms: [], switches: [], diskFiles: [] };
const DISKS = join("c", "users", "public", "documents", "hyper-v", "virtual hard disks");

describe("examples/fleet: guests spread over two named simulated hosts", function () {
  this.timeout(300_000);
  let project: ExampleProject;
  const pools: SessionPool[] = [];
  /** A pool on a named host of the project's simulator, running the test operations. */
  const onHost = (name: string) => {
    const pool = createPool({
      size: 1,
      host: `simulator://${name}`,
      simulatorStateDir: project.simulatorStateDir,
      scriptDirectories: [TEST_OPERATIONS],
    });
    pools.push(pool);
    return pool;
  };
  /** What the plain simulator, hv01 and hv02 hold, in that order. */
  const contents = () =>
    simulatorContentsOf(
      ["", join("hosts", "hv01"), join("hosts", "hv02")].map((dir) => join(project.simulatorStateDir, dir)),
    );

  // One PowerShell session per host: on a small machine, starting pwsh costs more than waiting for one.
  before(() => (project = new ExampleProject("fleet", "dev", { "hyperv:poolSize": "1" })));
  after(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
    project?.remove();
  });

  it("up with the policy pack puts each guest and one switch on its host, and outputs the VM ids per host", async () => {
    const up = await project.run(["up", "--yes", "--skip-preview", "--json", "--policy-pack", POLICY_PACK]);
    assert.equal(up.code, 0, up.output);
    const document = jsonOf(up);
    // The stack, 4 guests (component, disk, VM each) and 2 switches; not one policy finding.
    assert.deepEqual(document.changeSummary, { create: 15 });
    assert.deepEqual(document.policyViolations, [], "the pack ran and found nothing");

    const [plain, hv01, hv02] = contents();
    assert.deepEqual(plain, EMPTY, "nothing on the stack's default host");
    assert.deepEqual(hv01, {
      vms: ["build01", "web01"],
      switches: ["fleet"],
      diskFiles: [join(DISKS, "build01.vhd"), join(DISKS, "web01.vhd")],
    });
    assert.deepEqual(hv02, {
      vms: ["db01", "web02"],
      switches: ["fleet"],
      diskFiles: [join(DISKS, "db01.vhd"), join(DISKS, "web02.vhd")],
    });

    const outputs = await project.outputs();
    const byHost: Record<string, ListedVm[]> = {};
    const switchIds: Record<string, string> = {};
    for (const name of ["hv01", "hv02"]) {
      const pool = onHost(name);
      byHost[`simulator://${name}`] = await pool.invoke<ListedVm[]>("test-vm-list", {}, { kind: "read" });
      const [sw] = await pool.invoke<{ id: string }[]>("test-switch-list", {}, { kind: "read" });
      switchIds[`simulator://${name}`] = sw.id;
    }
    assert.deepEqual(
      outputs.vmIds,
      Object.fromEntries(
        Object.entries(byHost).map(([host, vms]) => [
          host,
          Object.fromEntries(vms.map((vm) => [vm.name, vm.id])),
        ]),
      ),
    );
    assert.deepEqual(outputs.switchIds, switchIds);
    // Built by LinuxIcsGuest: one virtual processor, the ICs v2 guest model, running.
    for (const vm of Object.values(byHost).flat()) {
      assert.deepEqual([vm.processorCount, vm.profile, vm.state], [1, "LinuxIcsV2", "Running"], vm.name);
    }
    // Each on its own host's switch, with synthetic devices (every guest of the list is supported),
    // no host time sync, and saved when the host stops (no shutdown integration).
    for (const name of ["hv01", "hv02"]) {
      for (const vm of simulatorVms(join(project.simulatorStateDir, "hosts", name))) {
        assert.deepEqual(
          vm.networkAdapters.map((nic) => [nic.name, nic.switchName, nic.isLegacy, nic.vmqWeight]),
          [["eth0", "fleet", false, 0]],
          vm.name,
        );
        assert.equal(vm.integrationServices["Time Synchronization"], false, vm.name);
        assert.equal(vm.automaticStopAction, "Save", vm.name);
      }
    }
  });

  it("destroy empties both hosts", async () => {
    const destroy = await project.run(["destroy", "--yes", "--skip-preview"]);
    assert.equal(destroy.code, 0, destroy.output);
    assert.deepEqual(contents(), [EMPTY, EMPTY, EMPTY]);
  });
});

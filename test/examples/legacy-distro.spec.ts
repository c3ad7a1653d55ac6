import { strict as assert } from "node:assert";
import { ExampleProject, jsonOf, POLICY_PACK, simulatorSwitches, simulatorVms } from "./support";

/**
 * examples/legacy-distro: Debian 5.0, which no integration components release supports, deployed
 * with the policy pack on emulated devices only.
 */
describe("examples/legacy-distro: an unsupported distribution on emulated devices only", function () {
  this.timeout(600_000);
  let project: ExampleProject;

  before(() => {
    project = new ExampleProject("legacy-distro", "dev");
  });
  after(() => project?.remove());

  it("up with the policy pack: no violation; a legacy adapter, the disk on IDE, every integration service off", async () => {
    const up = await project.run(["up", "--yes", "--skip-preview", "--json", "--policy-pack", POLICY_PACK]);
    assert.equal(up.code, 0, up.output);
    const doc = jsonOf(up);
    assert.deepEqual(doc.policyViolations, [], "the pack ran and found nothing");
    assert.deepEqual(doc.changeSummary, { create: 5 }, "stack, switch, component, disk, VM");

    assert.deepEqual(simulatorSwitches(project.simulatorStateDir), [
      { name: "legacy", switchType: "Internal" },
    ]);
    const [vm, ...others] = simulatorVms(project.simulatorStateDir);
    assert.deepEqual(others, []);
    assert.equal(vm.name, "legacy");
    assert.equal(vm.generation, 1);
    assert.equal(vm.processorCount, 1);
    assert.equal(vm.memoryStartupMB, 512);
    assert.deepEqual(
      vm.networkAdapters.map((a) => [a.name, a.isLegacy, a.switchName]),
      [["eth0", true, "legacy"]],
      "only the legacy (emulated DEC 21140) adapter",
    );
    assert.deepEqual(
      vm.hardDisks.map((d) => [d.controllerType, d.controllerNumber, d.controllerLocation]),
      [["IDE", 0, 0]],
      "only the boot disk, on IDE",
    );
    assert.deepEqual(
      Object.entries(vm.integrationServices).filter(([, enabled]) => enabled),
      [],
      "no integration service on",
    );
    assert.ok(Object.keys(vm.integrationServices).includes("Time Synchronization"));

    const outputs = await project.outputs();
    assert.equal(outputs.devices, "emulated");
    assert.equal(outputs.vmId, vm.id);
    assert.equal(outputs.macAddress, vm.networkAdapters[0].macAddress);
    assert.match(String(outputs.ntpConf), /^server 1\.pool\.ntp\.org iburst maxpoll 10$/m);
  });
});

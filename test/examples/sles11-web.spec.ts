import { strict as assert } from "node:assert";
import {
  ExampleProject,
  jsonOf,
  POLICY_PACK,
  simulatorSwitches,
  simulatorVms,
  type SimulatedVm,
} from "./support";

interface Outputs {
  switchName: string;
  vmNames: string[];
  vmIds: Record<string, string>;
  macAddresses: Record<string, string>;
  ntpConf: Record<string, string>;
}

/** What every guest of the web tier must be on the host: the ICs v2 rules for SLES 11 x64. */
function assertWebGuest(vm: SimulatedVm, switchName: string): void {
  assert.equal(vm.generation, 1, `${vm.name}: generation 1`);
  assert.equal(vm.processorCount, 1, `${vm.name}: one virtual processor`);
  assert.equal(vm.memoryStartupMB, 1024, `${vm.name}: memory`);
  assert.equal(vm.state, "Running");
  assert.deepEqual(
    vm.networkAdapters.map((a) => [a.name, a.isLegacy, a.switchName, a.vmqWeight]),
    [["eth0", false, switchName, 0]],
    `${vm.name}: one synthetic adapter on the switch, VMQ off`,
  );
  assert.deepEqual(
    vm.hardDisks.map((d) => [d.controllerType, d.controllerNumber, d.controllerLocation]),
    [["IDE", 0, 0]],
  );
  assert.equal(vm.integrationServices["Time Synchronization"], false, `${vm.name}: host time sync off`);
  assert.equal(vm.automaticStopAction, "Save", `${vm.name}: no shutdown integration`);
}

/**
 * examples/sles11-web: a SLES 11 x64 web tier of `count` guests, deployed with the policy pack. (What
 * another count registers, test/unit/examples/example-programs.spec.ts shows; how a destroy takes
 * LinuxIcsGuest's guests down, test/examples/fleet.spec.ts and test/cli/linux-ics-guest.spec.ts.)
 */
describe("examples/sles11-web: a SLES 11 web tier through pulumi-hyperv up", function () {
  this.timeout(600_000);
  let project: ExampleProject;

  before(() => {
    project = new ExampleProject("sles11-web", "dev");
  });
  after(() => project?.remove());

  it("up with the policy pack: no violation, two synthetic single-processor guests on one switch", async () => {
    const up = await project.run(["up", "--yes", "--skip-preview", "--json", "--policy-pack", POLICY_PACK]);
    assert.equal(up.code, 0, up.output);
    const doc = jsonOf(up);
    assert.deepEqual(doc.policyViolations ?? [], []);
    assert.deepEqual(doc.changeSummary, { create: 8 }, "stack, switch, two guests with disk and VM");

    assert.deepEqual(simulatorSwitches(project.simulatorStateDir), [{ name: "web", switchType: "Internal" }]);
    const vms = simulatorVms(project.simulatorStateDir);
    assert.deepEqual(
      vms.map((vm) => vm.name),
      ["web01", "web02"],
    );
    for (const vm of vms) assertWebGuest(vm, "web");

    const outputs = (await project.outputs()) as unknown as Outputs;
    assert.equal(outputs.switchName, "web");
    assert.deepEqual(outputs.vmNames, ["web01", "web02"]);
    assert.deepEqual(outputs.vmIds, Object.fromEntries(vms.map((vm) => [vm.name, vm.id])));
    assert.deepEqual(
      outputs.macAddresses,
      Object.fromEntries(vms.map((vm) => [vm.name, vm.networkAdapters[0].macAddress])),
    );
    assert.equal(new Set(Object.values(outputs.macAddresses)).size, 2, "distinct MAC addresses");
    for (const name of outputs.vmNames) {
      const conf = outputs.ntpConf[name];
      assert.match(conf, /^server 0\.pool\.ntp\.org iburst maxpoll 10$/m, conf);
      assert.match(conf, /^server 1\.pool\.ntp\.org iburst maxpoll 10$/m, conf);
      assert.match(conf, /^tinker panic 0$/m, "steps the clock after a resume from saved state");
    }
  });
});

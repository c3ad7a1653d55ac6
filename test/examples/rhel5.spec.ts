import { strict as assert } from "node:assert";
import { join } from "node:path";
import { ExampleProject, jsonOf, POLICY_PACK, ROOT, simulatorSwitches, simulatorVms } from "./support";

/** The pack config of the 2009-10 RTM readme, which lists SLES only. */
const RTM_CONFIG = join(ROOT, "policies", "config", "ics-v2-2009-10-rtm.json");

/**
 * examples/rhel5: a RHEL 5.4 guest, compliant on synthetic devices under the 2010-01 readme,
 * refused under the 2009-10 readme until `devices: emulated`, then deployed.
 */
// Under the pack's default, the 2010-01 readme, the example deploys as the README's tour shows, and
// under the 2009-10 readme the tour's preview refuses it (test/readme/commands.spec.ts runs both);
// here, what makes it pass under the older readme's stricter limits.
describe("examples/rhel5: RHEL 5.4 under the 2009-10 readme", function () {
  this.timeout(600_000);
  let project: ExampleProject;

  before(() => {
    project = new ExampleProject("rhel5", "dev");
  });
  after(() => project?.remove());

  it("with devices: emulated it passes under the 2009-10 readme and deploys a legacy adapter and an IDE disk", async () => {
    project.setConfig({ "hyperv-rhel5:devices": "emulated" });
    const up = await project.run([
      "up",
      "--yes",
      "--skip-preview",
      "--json",
      "--policy-pack",
      POLICY_PACK,
      "--policy-pack-config",
      RTM_CONFIG,
    ]);
    assert.equal(up.code, 0, up.output);
    assert.deepEqual(jsonOf(up).policyViolations ?? [], []);

    assert.deepEqual(simulatorSwitches(project.simulatorStateDir), [
      { name: "rhel", switchType: "Internal" },
    ]);
    const [vm, ...others] = simulatorVms(project.simulatorStateDir);
    assert.deepEqual(others, []);
    assert.equal(vm.name, "rhel5");
    assert.equal(vm.processorCount, 1);
    assert.deepEqual(
      vm.networkAdapters.map((a) => [a.name, a.isLegacy, a.switchName]),
      [["eth0", true, "rhel"]],
    );
    assert.deepEqual(
      vm.hardDisks.map((d) => [d.controllerType, d.controllerNumber, d.controllerLocation]),
      [["IDE", 0, 0]],
    );
    assert.equal(vm.integrationServices["Time Synchronization"], false);

    const outputs = await project.outputs();
    assert.equal(outputs.devices, "emulated");
    assert.equal(outputs.vmId, vm.id);
    assert.equal(outputs.macAddress, vm.networkAdapters[0].macAddress);
    assert.match(String(outputs.ntpConf), /^server 0\.pool\.ntp\.org iburst maxpoll 10$/m);
  });
});

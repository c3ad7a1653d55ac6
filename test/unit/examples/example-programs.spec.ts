import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateVirtualMachine, type EvaluationConfig } from "../../../policies/api";
import { parseVirtualMachine, type VirtualMachineSpec } from "../../../provider/model";
import { StackConfigError } from "../../../provider/program/stack-config";
import { ofType, runExample, type ExampleRun } from "./run-example";

const RTM_CONFIG = JSON.parse(
  readFileSync(join(__dirname, "..", "..", "..", "policies", "config", "ics-v2-2009-10-rtm.json"), "utf8"),
) as EvaluationConfig;

/** The VM specs the run registered (as the provider's check parses them), by name. */
function vmSpecs(run: ExampleRun): Map<string, VirtualMachineSpec> {
  assert.equal(run.error, undefined, String(run.error?.stack));
  const specs = new Map<string, VirtualMachineSpec>();
  for (const [name, inputs] of ofType(run, "VirtualMachine")) {
    const parsed = parseVirtualMachine(inputs);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.failures));
    specs.set(name, parsed.spec);
  }
  return specs;
}

/** The policies a spec breaks at mandatory level under `config`. */
const mandatory = (spec: VirtualMachineSpec, config?: EvaluationConfig) =>
  evaluateVirtualMachine(spec, config)
    .filter((v) => v.enforcementLevel === "mandatory")
    .map((v) => v.policy);

// The examples' programs, run in process under Pulumi's mocks: what they register for a stack
// config. Their deployments through the command: test/examples/ and the README's tour.
describe("examples' programs: what they register for their stack config", function () {
  this.timeout(60_000);

  describe("rhel5", () => {
    it("by default: synthetic devices, compliant under the 2010-01 readme, refused under the 2009-10 one", async () => {
      const vm = vmSpecs(await runExample("rhel5")).get("rhel5")!;
      assert.deepEqual(
        vm.networkAdapters.map((a) => a.legacy),
        [false],
      );
      assert.deepEqual(mandatory(vm), []);
      assert.deepEqual(mandatory(vm, RTM_CONFIG), ["linux-ics-emulated-devices-only"]);
    });

    it("with devices: emulated, a legacy adapter and an IDE disk, one processor, no host time sync: compliant under both readmes", async () => {
      const vm = vmSpecs(await runExample("rhel5", { "hyperv-rhel5:devices": "emulated" })).get("rhel5")!;
      assert.deepEqual(
        vm.networkAdapters.map((a) => [a.name, a.legacy, a.switchName]),
        [["eth0", true, "rhel"]],
      );
      assert.deepEqual(
        vm.hardDisks.map((d) => [d.controllerType, d.controllerNumber, d.controllerLocation]),
        [["IDE", 0, 0]],
      );
      assert.equal(vm.processorCount, 1);
      assert.equal(vm.integrationServices.timeSynchronization, false);
      assert.deepEqual(mandatory(vm), []);
      assert.deepEqual(mandatory(vm, RTM_CONFIG), []);
    });
  });

  describe("sles11-web", () => {
    it("count: 3 registers a third guest of the same make, named in sequence", async () => {
      const two = vmSpecs(await runExample("sles11-web"));
      const three = vmSpecs(await runExample("sles11-web", { "hyperv-sles11-web:count": 3 }));
      assert.deepEqual([...two.keys()], ["web01", "web02"]);
      assert.deepEqual([...three.keys()], ["web01", "web02", "web03"]);
      // The first two are registered exactly as before: an up changes nothing about them.
      for (const name of two.keys()) assert.deepEqual(three.get(name), two.get(name), name);
      const { vmName: _name, ...web03 } = three.get("web03")!;
      const { vmName: _first, ...web01 } = three.get("web01")!;
      void [_name, _first];
      assert.deepEqual(
        JSON.parse(JSON.stringify(web03).replaceAll("web03", "web01")),
        JSON.parse(JSON.stringify(web01)),
        "the same make as web01",
      );
    });
  });

  describe("fleet", () => {
    it("bad config stops the program before it registers anything, naming every key at fault", async () => {
      const run = await runExample("fleet", {
        "hyperv-fleet:defaultHost": "simulator://hv 01",
        "hyperv-fleet:guests": [
          { name: "web01", distribution: "sles", version: "11", memoryMB: 1023, diskSizeGB: 16 },
          { name: "WEB01", distribution: "sles", version: "11", memoryMB: 1024, diskSizeGB: 16, cpus: 2 },
        ],
      });
      assert.ok(run.error instanceof StackConfigError, String(run.error));
      assert.deepEqual(
        run.error.failures.map((f) => f.key),
        [
          "hyperv-fleet:guests[0].memoryMB",
          "hyperv-fleet:defaultHost",
          "hyperv-fleet:guests[1].name",
          "hyperv-fleet:guests[1]",
        ],
      );
      assert.deepEqual(run.resources, []);
    });
  });
});

import { strict as assert } from "node:assert";
import { evaluateVirtualMachine, remediateVirtualMachine } from "../../../policies/api";
import { parseVirtualMachine, UNKNOWN } from "../../../provider/model";
import { POLICY_CASES } from "./cases";
import { compliantLinuxInput, RELEASES, withChange, type VmInput } from "./fixtures";

type Path = (string | number)[];

/** Every path of `value` that holds an object, an array or a leaf, except the root. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...pathsOf(child, path)];
  });
}

function withUnknownAt(input: VmInput, path: Path): VmInput {
  return withChange(input, (vm) => {
    let target: Record<string | number, unknown> = vm;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    target[path[path.length - 1]] = UNKNOWN;
  });
}

describe("policies: a value unknown at preview anywhere in the inputs never crashes", () => {
  for (const release of RELEASES) {
    it(`${release}: every input path, in a VM that violates every policy`, () => {
      const violating = withChange(compliantLinuxInput(release), (vm) => {
        vm.processorCount = 8;
        vm.dynamicMemory = { minimumMB: 512, maximumMB: 2048 };
        vm.automaticStopAction = "ShutDown";
        vm.integrationServices = { timeSynchronization: true, shutdown: true, vss: true };
        vm.timeSync = { ntpServers: [], maxPollSeconds: 4096, stepOnResume: false };
        vm.guest = { ...vm.guest, mouseIntegration: true };
        vm.networkAdapters = [
          { name: "eth0", switchName: "external", legacy: false, vmqWeight: 100, mtu: 9000 },
        ];
      });
      const paths = pathsOf(violating);
      assert.ok(paths.length > 30, "walks the whole input");
      for (const path of paths) {
        const parsed = parseVirtualMachine(withUnknownAt(violating, path));
        assert.ok(parsed.ok, `${path.join(".")}: ${parsed.ok ? "" : JSON.stringify(parsed.failures)}`);
        for (const v of evaluateVirtualMachine(parsed.spec, { all: "remediate" })) {
          if (/during preview/.test(v.message)) {
            assert.equal(v.enforcementLevel, "advisory", `${path.join(".")}: ${v.policy} can't run`);
          } else {
            assert.match(v.message, / Fix: /, `${path.join(".")}: ${v.policy} judged`);
          }
        }
        assert.doesNotThrow(() => evaluateVirtualMachine(parsed.spec), path.join("."));
        assert.doesNotThrow(() => remediateVirtualMachine(parsed.spec, { all: "remediate" }), path.join("."));
      }
    });
  }

  it("every policy case stays judgeable when an unrelated field is unknown", () => {
    for (const c of POLICY_CASES) {
      const input = withChange(compliantLinuxInput("linux-ics-v2"), (vm) => {
        c.violate(vm, "linux-ics-v2");
        vm.notes = UNKNOWN;
        vm.host = UNKNOWN;
      });
      const parsed = parseVirtualMachine(input);
      assert.ok(parsed.ok);
      const levels = evaluateVirtualMachine(parsed.spec)
        .filter((v) => v.policy === c.policy)
        .map((v) => v.enforcementLevel)
        .sort();
      assert.deepEqual(levels, [...c.expected("linux-ics-v2", "2010-01")].sort(), c.policy);
    }
  });
});

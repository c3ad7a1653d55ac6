import { strict as assert } from "node:assert";
import type { GuestSpec } from "../../../provider/model";
import { parseHost } from "../../../provider/powershell";
import { simulatorGuestSteps } from "../../../provider/resources/simulated-guest";

describe("resources: the simulated guest step", () => {
  const windows = { family: "windows", integrationComponents: "none" } as GuestSpec;
  const linux = {
    family: "linux",
    distribution: "rhel",
    version: "6.4",
    architecture: "x64",
    integrationComponents: "linux-ics-v2",
  } as GuestSpec;

  it("a request to a real host carries no simulator step", () => {
    for (const spec of ["local", "ssh://admin@hv1", "winrm://hv1"]) {
      assert.deepEqual(simulatorGuestSteps(parseHost(spec), undefined, windows), [], spec);
      assert.deepEqual(simulatorGuestSteps(parseHost(spec), windows, linux), [], spec);
    }
  });

  it("a simulated host gets the guest model of a new VM and of a changed guest, not of an unchanged one", () => {
    for (const spec of ["simulator", "simulator://hv1"]) {
      const host = parseHost(spec, "/tmp/sim-state");
      assert.deepEqual(simulatorGuestSteps(host, undefined, windows), [
        { op: "simulatedGuest", profile: "Full", answeringServices: [] },
      ]);
      assert.deepEqual(simulatorGuestSteps(host, windows, linux), [
        { op: "simulatedGuest", profile: "LinuxIcsV2", answeringServices: [] },
      ]);
      assert.deepEqual(simulatorGuestSteps(host, linux, { ...linux }), []);
    }
  });
});

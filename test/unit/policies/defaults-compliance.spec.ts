import { strict as assert } from "node:assert";
import { evaluateVirtualMachine } from "../../../policies/api";
import { GUEST_SUPPORT, supportStatement } from "../../../policies/matrix";
import { EDITIONS, RELEASES, specOf } from "./fixtures";

/**
 * The model's defaults are compliant for the declared guest: a VM that states only its guest,
 * memory, adapters, an IDE boot disk and its NTP servers passes every policy, for every guest
 * every release lists, in every readme edition, and for guests no release lists.
 */
describe("policies: the model's defaults pass the pack for every guest of the matrix", () => {
  const minimal = (release: string, distribution: string, version: string, architecture: string) =>
    specOf({
      vmName: "vm",
      memoryStartupMB: 512,
      guest: { family: "linux", distribution, version, architecture, integrationComponents: release },
      networkAdapters: [{ name: "eth0" }, { name: "eth1", switchName: "internal" }],
      hardDisks: [
        { path: "C:\\vm\\root.vhd", controllerType: "IDE", controllerNumber: 0, controllerLocation: 0 },
      ],
      timeSync: { ntpServers: ["ntp1.example.com"] },
    });

  for (const release of RELEASES) {
    for (const edition of EDITIONS) {
      it(`${release}, readme ${edition}`, () => {
        const statement = supportStatement(release, edition);
        const guests: [string, string, string][] = [
          ["debian", "5.0", "x64"],
          ["sles", "9", "x86"],
        ];
        for (const g of statement?.guests ?? []) {
          for (const version of g.versions)
            for (const arch of g.architectures) guests.push([g.distribution, version, arch]);
        }
        assert.equal(guests.length > 2, release !== "none", "the release lists guests");
        for (const [distribution, version, arch] of guests) {
          const violations = evaluateVirtualMachine(minimal(release, distribution, version, arch), {
            readme: edition,
          });
          assert.deepEqual(violations, [], `${distribution} ${version} ${arch}`);
        }
      });
    }
  }

  it("covers every release in the matrix", () => {
    assert.deepEqual(Object.keys(GUEST_SUPPORT).sort(), [...RELEASES].sort());
  });
});

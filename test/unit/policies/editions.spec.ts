import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateVirtualMachine, type EvaluationConfig } from "../../../policies/api";
import { compliantLinuxInput, specOf, withChange, type Release } from "./fixtures";

const POLICY = "linux-ics-emulated-devices-only";

/** A guest on a synthetic adapter and a SCSI disk: flagged unless the release (and edition) lists it. */
function syntheticGuest(release: Release, distribution: string, version: string, architecture = "x64") {
  return specOf(
    withChange(compliantLinuxInput(release), (vm) => {
      vm.guest = { family: "linux", distribution, version, architecture, integrationComponents: release };
      vm.networkAdapters = [{ name: "eth0", legacy: false }];
      vm.hardDisks = [
        { path: "C:\\vm\\data.vhd", controllerType: "SCSI", controllerNumber: 0, controllerLocation: 0 },
      ];
    }),
  );
}

const supported = (release: Release, guest: [string, string, string?], config: EvaluationConfig) =>
  !evaluateVirtualMachine(syntheticGuest(release, ...guest), config).some((v) => v.policy === POLICY);

// [distribution, version, architecture?] -> supported under 2009-07 RC2, 2009-10 RTM, 2010-01
const ICS_V2_TABLE: [[string, string, string?], boolean, boolean, boolean][] = [
  [["sles", "10"], true, true, true],
  [["SUSE Linux Enterprise Server", "10 SP2", "x86"], true, true, true],
  [["sles", "11"], true, true, true],
  [["rhel", "5.2"], true, false, true],
  [["Red Hat Enterprise Linux", "5.3", "x86"], true, false, true],
  [["rhel", "5.4"], false, false, true],
  [["rhel", "5.5"], false, false, false],
  [["centos", "5.4"], false, false, false],
  [["sles", "9"], false, false, false],
];

describe("policies: which guests each readme edition and release supports with synthetic devices", () => {
  for (const [guest, rc2, rtm, jan] of ICS_V2_TABLE) {
    it(`linux-ics-v2 ${guest.join(" ")}: RC2 ${rc2}, RTM ${rtm}, 2010-01 ${jan}`, () => {
      assert.equal(supported("linux-ics-v2", guest, { readme: "2009-07" }), rc2);
      assert.equal(supported("linux-ics-v2", guest, { readme: "2009-10" }), rtm);
      assert.equal(supported("linux-ics-v2", guest, { readme: "2010-01" }), jan);
      assert.equal(supported("linux-ics-v2", guest, {}), jan, "2010-01 is the default edition");
    });
  }

  it("the policy's own readme setting overrides the top-level one", () => {
    const config = { readme: "2010-01", [POLICY]: { readme: "2009-10" } } as EvaluationConfig;
    assert.equal(supported("linux-ics-v2", ["rhel", "5.4"], config), false);
  });

  it("accepts the release names v2-rc2, v2-rtm and v2-2010-01 for the editions", () => {
    const table: [string, boolean, boolean][] = [
      ["v2-rc2", true, false],
      ["v2-rtm", false, false],
      ["v2-2010-01", true, true],
    ];
    for (const [name, rhel53, rhel54] of table) {
      const config = { readme: name } as EvaluationConfig;
      assert.equal(supported("linux-ics-v2", ["rhel", "5.3"], config), rhel53, `${name} RHEL 5.3`);
      assert.equal(supported("linux-ics-v2", ["rhel", "5.4"], config), rhel54, `${name} RHEL 5.4`);
      assert.equal(supported("linux-ics-v2", ["rhel", "5.3"], { [POLICY]: { readme: name } }), rhel53);
    }
    assert.throws(
      () => supported("linux-ics-v2", ["rhel", "5.3"], { readme: "v2-rtm2" } as never),
      /one of 2009-07, 2009-10, 2010-01, v2-rc2, v2-rtm, v2-2010-01 \(got "v2-rtm2"\)/,
    );
  });

  it("LIS 2.1 lists SLES 10 SP3, SLES 11 and RHEL 5.2-5.5, whatever the readme edition", () => {
    for (const readme of ["2009-07", "2009-10", "2010-01"] as const) {
      assert.equal(supported("lis-2.1", ["sles", "10 SP3"], { readme }), true);
      assert.equal(supported("lis-2.1", ["sles", "10.2"], { readme }), false);
      assert.equal(supported("lis-2.1", ["rhel", "5.5"], { readme }), true);
      assert.equal(supported("lis-2.1", ["rhel", "5.6"], { readme }), false);
    }
  });

  it("a guest with no integration components is supported with emulated devices only", () => {
    const violations = evaluateVirtualMachine(syntheticGuest("none", "sles", "11"), {}).filter(
      (v) => v.policy === POLICY,
    );
    assert.equal(violations.length, 2);
    assert.match(
      violations[0].message,
      /networkAdapters\[0\] "eth0".*emulated devices only.*Fix: set legacy: true/,
    );
    assert.match(violations[1].message, /hardDisks\[0\].*SCSI.*Fix: attach it to IDE/);
  });

  it("a Linux guest without distribution or version is told to declare them", () => {
    const spec = specOf(
      withChange(compliantLinuxInput("linux-ics-v2"), (vm) => {
        vm.guest = { family: "linux" };
        vm.networkAdapters = [{ name: "eth0", legacy: false }];
      }),
    );
    const [v] = evaluateVirtualMachine(spec).filter((x) => x.policy === POLICY);
    assert.match(v.message, /declare guest\.distribution and guest\.version/);
  });

  it("the sample config for the 2009-10 RTM readme refuses RHEL on synthetic devices", () => {
    const file = JSON.parse(
      readFileSync(join(__dirname, "../../../policies/config/ics-v2-2009-10-rtm.json"), "utf8"),
    );
    assert.equal(supported("linux-ics-v2", ["rhel", "5.3"], file), false);
    assert.equal(supported("linux-ics-v2", ["sles", "11"], file), true);
    const rc2 = JSON.parse(
      readFileSync(join(__dirname, "../../../policies/config/ics-v2-2009-07-rc2.json"), "utf8"),
    );
    assert.equal(supported("linux-ics-v2", ["rhel", "5.3"], rc2), true);
    assert.equal(supported("linux-ics-v2", ["rhel", "5.4"], rc2), false);
  });
});

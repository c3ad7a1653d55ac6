import { strict as assert } from "node:assert";
import { evaluateVirtualMachine } from "../../../policies/api";
import { GUEST_SUPPORT } from "../../../policies/matrix";
import { POLICY_CASES } from "./cases";
import { compliantLinuxInput, RELEASES, specOf, withChange } from "./fixtures";

/** The spec fields a message can be about, and a fix can change. */
const FIELD =
  /^(processorCount|networkAdapters\[\d+\]|hardDisks\[\d+\]|timeSync\.\w+|integrationServices\.\w+|automaticStopAction|guest\.mouseIntegration|generation|dynamicMemory(\.maximumMB)?) /;
const FIX_FIELD =
  /processorCount: \d|legacy: true|controllerType: IDE|timeSync\.ntpServers|timeSync\.\w+: \w+|integrationServices\.\w+: (false|true)|automaticStopAction: \w+|vmqWeight: 0|mtu: 1500|guest\.mouseIntegration: false|generation: 1|remove dynamicMemory|memoryStartupMB: \d/;

const violationsOf = (release: (typeof RELEASES)[number], change: Parameters<typeof withChange>[1]) =>
  evaluateVirtualMachine(specOf(withChange(compliantLinuxInput(release), change)));

describe("policies: every violation message says what is wrong, which limit, and the exact fix", () => {
  for (const release of RELEASES) {
    for (const c of POLICY_CASES) {
      it(`${release}: ${c.policy}`, () => {
        const messages = violationsOf(release, (vm) => c.violate(vm, release))
          .filter((v) => v.policy === c.policy)
          .map((v) => v.message);
        for (const message of messages) {
          assert.match(message, FIELD, "starts with the field that is wrong");
          assert.ok(
            message.includes(GUEST_SUPPORT[release].displayName),
            `names the integration components release: ${message}`,
          );
          const [, fix] = message.split(" Fix: ");
          assert.ok(fix, `states the fix: ${message}`);
          assert.match(fix, FIX_FIELD, "the fix names the field and the value to set");
        }
      });
    }
  }

  it("on generation 2, the emulated-devices fix starts with generation: 1 (no legacy adapter, no IDE there)", () => {
    const messages = violationsOf("none", (vm) => {
      vm.generation = 2;
      vm.dvdDrives = [];
      vm.hardDisks = [
        { path: "C:\\vm\\root.vhdx", controllerType: "SCSI", controllerNumber: 0, controllerLocation: 0 },
      ];
    })
      .filter((v) => v.policy === "linux-ics-emulated-devices-only")
      .map((v) => v.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /Fix: set generation: 1 and set legacy: true on it\.$/);
    assert.match(messages[1], /Fix: set generation: 1 and attach it to IDE \(controllerType: IDE/);
    const gen1 = violationsOf("none", (vm) => {
      vm.networkAdapters = [{ name: "eth0", legacy: false }];
    }).find((v) => v.policy === "linux-ics-emulated-devices-only");
    assert.match(gen1!.message, /Fix: set legacy: true on it\.$/);
  });

  it("generation 2: an ICs guest's drivers predate it; a guest without ICs has no driver for its hardware", () => {
    const gen2 = (vm: Parameters<Parameters<typeof withChange>[1]>[0]) => {
      vm.generation = 2;
      vm.dvdDrives = [];
      vm.hardDisks = [];
    };
    const [v2] = violationsOf("linux-ics-v2", gen2).filter((v) => v.policy === "linux-ics-generation-1");
    assert.match(v2.message, /predate Generation 2 VMs \(Hyper-V 2\.0 had none\)/);
    const [none] = violationsOf("none", gen2).filter((v) => v.policy === "linux-ics-generation-1");
    assert.match(
      none.message,
      /without integration components it has no driver for the synthetic-only hardware/,
    );
  });

  it("LIS 2.1 with the Shutdown service off: ShutDown as stop action is refused, with the service as a fix", () => {
    const violations = violationsOf("lis-2.1", (vm) => {
      vm.integrationServices = { shutdown: false };
      vm.automaticStopAction = "ShutDown";
    });
    assert.deepEqual(
      violations.map((v) => `${v.policy}:${v.enforcementLevel}`),
      ["linux-ics-shutdown-integration-unavailable:mandatory"],
    );
    assert.match(violations[0].message, /Shutdown service of this .* Linux Integration Services 2\.1 is off/);
    assert.match(
      violations[0].message,
      /turn the Shutdown service on: integrationServices\.shutdown: true\.$/,
    );
    const on = violationsOf("lis-2.1", (vm) => {
      vm.integrationServices = { shutdown: true };
      vm.automaticStopAction = "ShutDown";
    });
    assert.deepEqual(on, [], "LIS 2.1 shuts down with the service on");
    const [icsV2] = violationsOf("linux-ics-v2", (vm) => (vm.automaticStopAction = "ShutDown"));
    assert.match(icsV2.message, /has no shutdown integration \(an integration components limit\)/);
    assert.doesNotMatch(icsV2.message, /turn the Shutdown service on/);
  });

  it("live backup: the clock advice only where the host does not keep the guest's time", () => {
    const vss = (release: (typeof RELEASES)[number]) =>
      violationsOf(release, (vm) => (vm.integrationServices = { vss: true })).find(
        (v) => v.policy === "linux-ics-live-backup-unavailable",
      )!.message;
    assert.match(
      vss("linux-ics-v2"),
      /the guest clock is off afterwards.*set timeSync\.stepOnResume: true\.$/,
    );
    assert.doesNotMatch(vss("lis-2.1"), /clock|stepOnResume/, "LIS 2.1 keeps the guest's time");
    assert.match(vss("lis-2.1"), /Fix: set integrationServices\.vss: false, schedule backups/);
  });

  it("LIS 2.1 with the Time Synchronization service off: the messages blame the service and offer turning it on", () => {
    const violations = violationsOf("lis-2.1", (vm) => {
      vm.integrationServices = { timeSynchronization: false };
      vm.timeSync = { ntpServers: [], maxPollSeconds: 4096, stepOnResume: false };
    });
    assert.deepEqual(
      violations.map((v) => v.policy),
      ["linux-ics-ntp-required", "linux-ics-ntp-required", "linux-ics-saved-state-clock-skew"],
    );
    for (const v of violations) {
      assert.match(
        v.message,
        /Time Synchronization service of this .* Linux Integration Services 2\.1 is off/,
      );
      assert.match(v.message, /turn host time sync on: integrationServices\.timeSynchronization: true\.$/);
    }
    const [icsV2] = violationsOf("linux-ics-v2", (vm) => (vm.timeSync = { ntpServers: [] }));
    assert.match(
      icsV2.message,
      /gets no time synchronization from the host \(an integration components limit\)/,
    );
    assert.doesNotMatch(icsV2.message, /turn host time sync on/, "ICs v2 has no host time sync to turn on");
  });
});

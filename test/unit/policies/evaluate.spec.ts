import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  evaluateVirtualMachine,
  remediateVirtualMachine,
  type EvaluationConfig,
} from "../../../policies/api";
import { UNKNOWN } from "../../../provider/model";
import { compliantLinuxInput, specOf, withChange } from "./fixtures";

const icsV2 = (change: Parameters<typeof withChange>[1]) =>
  specOf(withChange(compliantLinuxInput("linux-ics-v2"), change));
const summary = (spec: ReturnType<typeof specOf>, config?: EvaluationConfig) =>
  evaluateVirtualMachine(spec, config).map((v) => `${v.policy}:${v.enforcementLevel}`);

describe("policies: evaluateVirtualMachine config and preview semantics", () => {
  const shutdown = icsV2((vm) => {
    vm.automaticStopAction = "ShutDown";
    vm.integrationServices = { shutdown: true };
  });

  it("a policy at level disabled is skipped; `all` sets every policy's level; the policy's entry wins", () => {
    assert.deepEqual(summary(shutdown, { "linux-ics-shutdown-integration-unavailable": "disabled" }), []);
    const twoVcpu = icsV2((vm) => (vm.processorCount = 2));
    assert.deepEqual(summary(twoVcpu, { all: "advisory" }), ["linux-ics-single-vcpu:advisory"]);
    assert.deepEqual(
      summary(twoVcpu, { all: "advisory", "linux-ics-single-vcpu": { enforcementLevel: "mandatory" } }),
      ["linux-ics-single-vcpu:mandatory"],
    );
  });

  it("a finding with its own level setting follows that setting, not the policy's level", () => {
    const key = "linux-ics-shutdown-integration-unavailable";
    assert.deepEqual(summary(shutdown), [`${key}:mandatory`, `${key}:advisory`]);
    assert.deepEqual(summary(shutdown, { [key]: { shutdownServiceLevel: "mandatory" } }), [
      `${key}:mandatory`,
      `${key}:mandatory`,
    ]);
    assert.deepEqual(summary(shutdown, { [key]: { shutdownServiceLevel: "disabled" } }), [
      `${key}:mandatory`,
    ]);
  });

  it("the strict sample config makes every finding mandatory and tightens the NTP settings", () => {
    const strict = JSON.parse(readFileSync(join(__dirname, "../../../policies/config/strict.json"), "utf8"));
    const spec = icsV2((vm) => {
      vm.integrationServices = { timeSynchronization: true, shutdown: true, vss: true };
      vm.timeSync = { ntpServers: ["ntp1.example.com"], maxPollSeconds: 1024, stepOnResume: false };
      vm.guest = { ...vm.guest, distribution: "rhel", version: "5.4", mouseIntegration: true };
    });
    const levels = new Set(evaluateVirtualMachine(spec, strict).map((v) => v.enforcementLevel));
    assert.deepEqual([...levels], ["mandatory"]);
    const ntp = evaluateVirtualMachine(spec, strict).filter((v) => v.policy === "linux-ics-ntp-required");
    assert.equal(ntp.length, 2, "2 servers required, maxpoll 256");
    assert.deepEqual(
      evaluateVirtualMachine(spec).filter((v) => v.policy === "linux-ics-ntp-required"),
      [],
    );
  });

  it("NTP is required on LIS 2.1 too once the Time Synchronization service is off", () => {
    const spec = specOf(
      withChange(compliantLinuxInput("lis-2.1"), (vm) => {
        vm.integrationServices = { timeSynchronization: false };
        vm.timeSync = { ntpServers: [] };
      }),
    );
    assert.deepEqual(summary(spec), ["linux-ics-ntp-required:mandatory"]);
  });

  it("remediate-level policies are fixed first; what remains is mandatory", () => {
    const spec = icsV2((vm) => {
      vm.processorCount = 4;
      vm.networkAdapters = [{ name: "eth0", vmqWeight: 100, mtu: 9000 }];
      vm.generation = 2;
      vm.hardDisks = [];
      vm.dvdDrives = [];
    });
    const remediateAll = JSON.parse(
      readFileSync(join(__dirname, "../../../policies/config/remediate.json"), "utf8"),
    );
    assert.deepEqual(summary(spec, remediateAll), ["linux-ics-generation-1:mandatory"]);
    assert.deepEqual(summary(spec, { all: "remediate" }), ["linux-ics-generation-1:mandatory"]);
    assert.equal(spec.processorCount, 4, "evaluation leaves the caller's spec alone");
    const { spec: fixed, remediated } = remediateVirtualMachine(spec, { all: "remediate" });
    assert.deepEqual(remediated, ["linux-ics-single-vcpu", "linux-ics-network-offloads-unavailable"]);
    assert.equal(fixed.processorCount, 1);
    assert.deepEqual([fixed.networkAdapters[0].vmqWeight, fixed.networkAdapters[0].mtu], [0, 1500]);
  });

  it("a value unknown at preview turns the policies that read it into an advisory can't-run, the rest still judge", () => {
    const spec = icsV2((vm) => {
      vm.processorCount = UNKNOWN;
      vm.networkAdapters = [{ name: "eth0", vmqWeight: 100 }];
    });
    assert.deepEqual(spec.processorCount, UNKNOWN, "the model keeps the sentinel");
    const violations = evaluateVirtualMachine(spec);
    assert.deepEqual(
      violations.map((v) => `${v.policy}:${v.enforcementLevel}`),
      ["linux-ics-single-vcpu:advisory", "linux-ics-network-offloads-unavailable:mandatory"],
    );
    assert.match(
      violations[0].message,
      /can't run policy 'linux-ics-single-vcpu' during preview: .*processorCount/,
    );
  });

  it("an unknown guest makes every policy advisory can't-run, and nothing crashes", () => {
    const spec = specOf({ ...compliantLinuxInput("linux-ics-v2"), guest: UNKNOWN } as never);
    const violations = evaluateVirtualMachine(spec);
    assert.equal(violations.length, 15);
    assert.ok(
      violations.every((v) => v.enforcementLevel === "advisory" && /during preview: .*guest/.test(v.message)),
    );
  });

  it("raw inputs without the model's defaults are an error naming the missing fields and the fix", () => {
    const raw = compliantLinuxInput("linux-ics-v2");
    assert.throws(
      () => evaluateVirtualMachine(raw as never),
      /lack processorCount, generation, integrationServices, automaticStopAction: .*parseVirtualMachine/,
    );
    const rawGuest = { ...specOf(raw), guest: { family: "linux" } };
    assert.throws(() => evaluateVirtualMachine(rawGuest as never), /lack guest\.integrationComponents:/);
    const windowsRaw = { guest: { family: "windows" } } as never;
    assert.deepEqual(evaluateVirtualMachine(windowsRaw), [], "a Windows guest is never judged");
    const future = icsV2(() => undefined);
    (future.guest as { integrationComponents: string }).integrationComponents = "lis-4.0";
    assert.throws(
      () => evaluateVirtualMachine(future),
      /guest\.integrationComponents "lis-4\.0" is not a release of the support matrix \(linux-ics-v2, lis-2\.1, lis-3\.4, lis-3\.5, in-kernel, none\)/,
    );
  });

  it("invalid settings and levels are errors naming the policy, the setting and the accepted values", () => {
    const spec = icsV2(() => undefined);
    assert.throws(
      () => evaluateVirtualMachine(spec, { "linux-ics-ntp-required": { minServers: 0 } }),
      /policy config "linux-ics-ntp-required\.minServers" must be a whole number from 1 up \(got 0\)/,
    );
    assert.throws(
      () => evaluateVirtualMachine(spec, { "linux-ics-ntp-required": { minServer: 2 } as never }),
      /policy config "linux-ics-ntp-required\.minServer" is not a setting of the policy; did you mean minServers\?/,
    );
    assert.throws(
      () => evaluateVirtualMachine(spec, { "linux-ics-single-vcpu": { level: "mandatory" } as never }),
      /"linux-ics-single-vcpu\.level" is not a setting of the policy; remove it \(it has no settings\)/,
    );
    assert.throws(
      () => evaluateVirtualMachine(spec, { readme: "2011-01" as never }),
      /"linux-ics-emulated-devices-only\.readme" must be one of 2009-07, 2009-10, 2010-01/,
    );
    assert.throws(
      () => evaluateVirtualMachine(spec, { all: "strict" as never }),
      /level must be one of advisory, mandatory/,
    );
  });

  it("mouse integration: refused on SLES 11, fine on SLES 10 with ICs v2, advisory where unverified", () => {
    const mouse = (release: "linux-ics-v2" | "lis-2.1", version: string) =>
      summary(
        specOf(
          withChange(
            compliantLinuxInput(release),
            (vm) => (vm.guest = { ...vm.guest, version, mouseIntegration: true }),
          ),
        ),
      );
    assert.deepEqual(mouse("linux-ics-v2", "11"), ["linux-ics-mouse-integration:mandatory"]);
    assert.deepEqual(mouse("linux-ics-v2", "10"), []);
    assert.deepEqual(mouse("lis-2.1", "11"), ["linux-ics-mouse-integration:mandatory"]);
    assert.deepEqual(mouse("lis-2.1", "10 SP3"), ["linux-ics-mouse-integration:advisory"]);
  });

  it("dynamic memory: refused without hot-add or ballooning; with ballooning only, fine once startup equals maximum", () => {
    const withDynamicMemory = (release: "linux-ics-v2" | "lis-2.1" | "lis-3.5", startup: number) =>
      specOf(
        withChange(compliantLinuxInput(release), (vm) => {
          vm.memoryStartupMB = startup;
          vm.dynamicMemory = { minimumMB: 512, maximumMB: 4096 };
        }),
      );
    const key = "linux-ics-dynamic-memory-unavailable";
    for (const release of ["linux-ics-v2", "lis-2.1"] as const) {
      const [v] = evaluateVirtualMachine(withDynamicMemory(release, 4096));
      assert.equal(`${v.policy}:${v.enforcementLevel}`, `${key}:mandatory`);
      assert.match(v.message, /has no memory hot-add or ballooning.*Fix: remove dynamicMemory/);
    }
    assert.deepEqual(summary(withDynamicMemory("lis-3.5", 1024)), [`${key}:advisory`]);
    assert.match(
      evaluateVirtualMachine(withDynamicMemory("lis-3.5", 1024))[0].message,
      /ballooning only, no hot-add: its memory never grows above 1024 MB\. Fix: set memoryStartupMB: 4096/,
    );
    assert.deepEqual(
      summary(withDynamicMemory("lis-3.5", 1024), { [key]: { ballooningOnlyLevel: "mandatory" } }),
      [`${key}:mandatory`],
    );
    assert.deepEqual(
      summary(withDynamicMemory("lis-3.5", 1024), { [key]: { ballooningOnlyLevel: "disabled" } }),
      [],
    );
    assert.deepEqual(
      summary(withDynamicMemory("lis-3.5", 4096)),
      [],
      "startup = maximum: ballooning only reclaims",
    );
    const { spec: fixed, remediated } = remediateVirtualMachine(withDynamicMemory("linux-ics-v2", 2048), {
      [key]: "remediate",
    });
    assert.deepEqual(remediated, [key]);
    assert.equal("dynamicMemory" in fixed, false, "static memory");
    assert.equal(fixed.memoryStartupMB, 2048);
    assert.deepEqual(
      remediateVirtualMachine(withDynamicMemory("lis-3.5", 1024), { [key]: "remediate" }).remediated,
      [],
      "ballooning only: the remediation does not guess a memory size",
    );
  });

  it("network: LIS 3.x has jumbo frames but not the VMQ offloads", () => {
    const jumbo = specOf(
      withChange(compliantLinuxInput("lis-3.4"), (vm) => {
        vm.networkAdapters = [{ name: "eth0", legacy: false, mtu: 9000, vmqWeight: 50 }];
      }),
    );
    const violations = evaluateVirtualMachine(jumbo);
    assert.deepEqual(
      violations.map((v) => `${v.policy}:${v.enforcementLevel}`),
      ["linux-ics-network-offloads-unavailable:mandatory"],
    );
    assert.match(violations[0].message, /has VMQ on \(vmqWeight 50\).*Fix: set vmqWeight: 0\.$/);
  });
});

import { strict as assert } from "node:assert";
import fc from "fast-check";
import { evaluateVirtualMachine } from "../../../policies/api";
import {
  GUEST_SUPPORT,
  guestCapabilities,
  INTEGRATION_COMPONENTS_RELEASES,
  inKernelRow,
  README_EDITIONS,
  supportStatement,
  supportsSyntheticDevices,
} from "../../../provider/model/guest-support";
import { IN_KERNEL_GUESTS } from "../../../provider/model/in-kernel-guests";
import { parseVirtualMachine } from "../../../provider/model";
import { LinuxIcsGuestArgsError } from "../../../provider/components/linux-ics-guest-args";
import { layOutLinuxIcsGuest } from "../../../provider/components/linux-ics-guest-layout";

/** Releases whose drivers are the same for every guest they list (all but the in-kernel one). */
const PACKAGED_RELEASES = INTEGRATION_COMPONENTS_RELEASES.filter((r) => r !== "in-kernel");

/** Every distribution and version some packaged release lists, plus guests no release lists. */
function matrixGuests(): [string, string][] {
  const seen = new Map<string, [string, string]>();
  for (const release of PACKAGED_RELEASES) {
    for (const edition of README_EDITIONS) {
      for (const g of supportStatement(release, edition)?.guests ?? []) {
        for (const v of g.versions) seen.set(`${g.distribution} ${v}`, [g.distribution, v]);
      }
    }
  }
  const unlisted: [string, string][] = [
    ["debian", "5.0"],
    ["ubuntu", "12.04"],
    ["sles", "9"],
    ["rhel", "4.8"],
    ["centos", "6.4"],
  ];
  return [...seen.values(), ...unlisted];
}

/** Random sizing, network and time sources, as a program could pass them. */
const sizing = fc
  .record({
    memoryHalfMB: fc.integer({ min: 16, max: 32768 }),
    processorCount: fc.integer({ min: 1, max: 64 }),
    dynamic: fc.option(
      fc.record({ below: fc.integer({ min: 0, max: 4096 }), above: fc.integer({ min: 0, max: 8192 }) }),
    ),
    diskSizeGB: fc.integer({ min: 1, max: 2040 }),
    switchName: fc.option(fc.constantFrom("external", "internal", "LAN 2")),
    ntpServers: fc.array(fc.oneof(fc.ipV4(), fc.constantFrom("ntp1.example.com", "time.example.org")), {
      minLength: 1,
      maxLength: 4,
    }),
    state: fc.constantFrom("Running", "Off" as const),
    emulatedDevices: fc.boolean(),
  })
  .map((s) => {
    const memoryMB = s.memoryHalfMB * 2;
    const dynamicMemory = s.dynamic && {
      minimumMB: Math.max(32, memoryMB - s.dynamic.below * 2),
      maximumMB: Math.min(1024 * 1024, memoryMB + s.dynamic.above * 2),
    };
    return {
      memoryMB,
      processorCount: s.processorCount,
      ...(dynamicMemory && { dynamicMemory }),
      diskSizeGB: s.diskSizeGB,
      ...(s.switchName !== null && { switchName: s.switchName }),
      ntpServers: s.ntpServers,
      state: s.state as "Running" | "Off",
      emulatedDevices: s.emulatedDevices,
    };
  });

describe("components: LinuxIcsGuest planning", () => {
  it("never yields a violation, over every release, readme edition, distribution, version and architecture, with random sizing", function () {
    this.timeout(120_000);
    let checked = 0;
    for (const integrationComponents of PACKAGED_RELEASES) {
      const caps = GUEST_SUPPORT[integrationComponents].capabilities;
      for (const readme of README_EDITIONS) {
        for (const [distribution, version] of matrixGuests()) {
          for (const architecture of ["x86", "x64"] as const) {
            fc.assert(
              fc.property(sizing, (size) => {
                const args = {
                  vmName: "guest",
                  distribution,
                  version,
                  architecture,
                  integrationComponents,
                  readme,
                  ...size,
                };
                const plan = layOutLinuxIcsGuest(args);
                const parsed = parseVirtualMachine(plan.vm);
                assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.failures));
                assert.deepEqual(evaluateVirtualMachine(parsed.spec, { readme }), []);
                const guest = { distribution, version, architecture };
                assert.equal(
                  plan.synthetic,
                  !size.emulatedDevices && supportsSyntheticDevices(integrationComponents, guest, readme),
                );
                assert.ok(plan.vm.networkAdapters.every((nic) => nic.legacy === !plan.synthetic));
                assert.equal(
                  plan.vm.processorCount,
                  Math.min(size.processorCount, caps.maxVirtualProcessors),
                );
                assert.equal(plan.vm.hardDisks[0].path, plan.disk.path);
                assert.equal(plan.disk.sizeGB, size.diskSizeGB);
                checked += 1;
              }),
              { numRuns: 8 },
            );
          }
        }
      }
    }
    assert.ok(checked >= 5 * 3 * 25 * 2 * 8, `judged ${checked} plans`);
  });

  it("never yields a violation for any row of the in-kernel matrix (each kernel and architecture), with random sizing, daemons and time sources", function () {
    this.timeout(120_000);
    const guests = IN_KERNEL_GUESTS.flatMap((row) => {
      const kernels = [
        row.kernel,
        ...(Object.values(row.features).includes("backports") ? ["backports"] : []),
      ];
      return row.versions.flatMap((version) =>
        row.architectures.flatMap((architecture) =>
          kernels.map((kernel) => ({ distribution: row.distribution, version, architecture, kernel, row })),
        ),
      );
    });
    const inKernelSizing = fc.record({ size: sizing, hypervDaemons: fc.boolean(), noNtp: fc.boolean() });
    let checked = 0;
    for (const { row, kernel, ...guest } of guests) {
      fc.assert(
        fc.property(inKernelSizing, ({ size, hypervDaemons, noNtp }) => {
          const identity = { ...guest, ...(kernel !== undefined && { kernel }) };
          const caps = guestCapabilities("in-kernel", identity);
          const ntpServers = noNtp && caps.hostTimeSync ? [] : size.ntpServers;
          const plan = layOutLinuxIcsGuest({
            vmName: "guest",
            ...identity,
            integrationComponents: "in-kernel",
            hypervDaemons,
            ...size,
            ntpServers,
          });
          const parsed = parseVirtualMachine(plan.vm);
          assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.failures));
          assert.deepEqual(evaluateVirtualMachine(parsed.spec), [], JSON.stringify(identity));
          assert.equal(inKernelRow(identity), row, "the plan's guest is the row's");
          assert.equal(
            plan.synthetic,
            !size.emulatedDevices && row.documented && row.features.core === "yes",
          );
          assert.equal(plan.vm.processorCount, Math.min(size.processorCount, caps.maxVirtualProcessors));
          assert.equal(plan.vm.timeSync.ptpRefclock, caps.hostTimeViaPtp ? true : undefined);
          if (row.daemons.package && row.daemons.keyValuePair && !hypervDaemons) {
            assert.equal(
              plan.vm.integrationServices.keyValuePairExchange,
              false,
              "no KVP without its daemon",
            );
          }
          const dm = plan.vm.dynamicMemory;
          if (dm && row.memoryMultipleOf128MB) {
            for (const mb of [plan.vm.memoryStartupMB, dm.minimumMB, dm.maximumMB]) assert.equal(mb % 128, 0);
          }
          checked += 1;
        }),
        { numRuns: 4 },
      );
    }
    assert.ok(
      checked >= guests.length * 4 && guests.length > 100,
      `judged ${checked} plans of ${guests.length} guests`,
    );
  });

  it("a supported guest gets synthetic devices; the same guest under an older readme gets emulated ones", () => {
    const base = {
      vmName: "db01",
      distribution: "Red Hat",
      version: "5.4",
      memoryMB: 1024,
      diskSizeGB: 20,
      ntpServers: ["ntp1.example.com"],
    };
    const current = layOutLinuxIcsGuest(base);
    assert.equal(current.synthetic, true);
    assert.deepEqual(current.vm.networkAdapters, [{ name: "eth0", legacy: false, vmqWeight: 0, mtu: 1500 }]);
    const rtm = layOutLinuxIcsGuest({ ...base, readme: "2009-10" });
    assert.equal(rtm.synthetic, false);
    assert.equal(rtm.vm.networkAdapters[0].legacy, true);
    assert.equal(rtm.vm.guest.distribution, "rhel");
  });

  it("emulatedDevices: a supported guest gets the legacy adapter, and passes under a readme that does not list it", () => {
    const base = {
      vmName: "db01",
      distribution: "rhel",
      version: "5.4",
      memoryMB: 1024,
      diskSizeGB: 20,
      ntpServers: ["ntp1.example.com"],
    };
    const synthetic = layOutLinuxIcsGuest(base);
    const emulated = layOutLinuxIcsGuest({ ...base, emulatedDevices: true });
    assert.equal(emulated.synthetic, false);
    assert.deepEqual(emulated.vm.networkAdapters, [{ name: "eth0", legacy: true, vmqWeight: 0, mtu: 1500 }]);
    assert.deepEqual({ ...emulated.vm, networkAdapters: [] }, { ...synthetic.vm, networkAdapters: [] });
    const policiesViolatedUnderRtm = (vm: unknown) => {
      const parsed = parseVirtualMachine(vm);
      assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.failures));
      return evaluateVirtualMachine(parsed.spec, { readme: "2009-10" }).map((v) => v.policy);
    };
    assert.deepEqual(policiesViolatedUnderRtm(emulated.vm), []);
    assert.deepEqual(policiesViolatedUnderRtm(synthetic.vm), ["linux-ics-emulated-devices-only"]);
  });

  it("ICs v2: one processor, static memory, no host services, Save with a clock step, NTP", () => {
    const plan = layOutLinuxIcsGuest({
      vmName: "web01",
      distribution: "sles",
      version: "11",
      memoryMB: 2048,
      processorCount: 4,
      dynamicMemory: { minimumMB: 1024, maximumMB: 4096 },
      diskSizeGB: 40,
      switchName: "external",
      ntpServers: ["NTP1.example.com", "ntp1.example.com"],
    });
    assert.equal(plan.vm.processorCount, 1);
    assert.equal(plan.vm.memoryStartupMB, 2048);
    assert.equal("dynamicMemory" in plan.vm, false);
    assert.deepEqual(
      plan.adjustments.map((a) => a.property),
      ["processorCount", "dynamicMemory"],
    );
    assert.match(
      plan.adjustments[0].reason,
      /4 virtual processors were asked, but SLES 11 x64 with Linux Integration Components v2 supports 1/,
    );
    assert.deepEqual(Object.values(plan.vm.integrationServices), [false, false, false, false, false, false]);
    assert.equal(plan.vm.automaticStopAction, "Save");
    assert.deepEqual(plan.vm.timeSync, {
      ntpServers: ["ntp1.example.com", "ntp1.example.com"],
      maxPollSeconds: 1024,
      stepOnResume: true,
    });
    assert.deepEqual(plan.disk, {
      path: "C:\\Users\\Public\\Documents\\Hyper-V\\Virtual Hard Disks\\web01.vhd",
      type: "Dynamic",
      sizeGB: 40,
    });
  });

  it("LIS 3.5: shutdown and host time, more processors, ballooning with startup raised to the maximum", () => {
    const plan = layOutLinuxIcsGuest({
      vmName: "app01",
      distribution: "CentOS",
      version: "6.3",
      integrationComponents: "lis-3.5",
      memoryMB: 1024,
      processorCount: 8,
      dynamicMemory: { minimumMB: 512, maximumMB: 4096 },
      diskSizeGB: 60,
      host: "ssh://admin@hv1.example.com",
    });
    assert.equal(plan.synthetic, true);
    assert.equal(plan.vm.processorCount, 8);
    assert.equal(plan.vm.memoryStartupMB, 4096);
    assert.deepEqual(plan.vm.dynamicMemory, { minimumMB: 512, maximumMB: 4096 });
    assert.deepEqual(
      plan.adjustments.map((a) => a.property),
      ["memoryMB"],
    );
    assert.equal(plan.vm.automaticStopAction, "ShutDown");
    assert.equal(plan.vm.integrationServices.timeSynchronization, true);
    assert.equal(plan.vm.timeSync.stepOnResume, false);
    assert.deepEqual(plan.vm.timeSync.ntpServers, [], "host time sync: NTP is optional");
    assert.equal(plan.disk.host, "ssh://admin@hv1.example.com");
    assert.equal(plan.vm.host, "ssh://admin@hv1.example.com");
  });

  it("bad arguments are an error naming each field and the fix; nothing is planned", () => {
    const failures = (args: unknown) => {
      try {
        layOutLinuxIcsGuest(args as never);
      } catch (e) {
        assert.ok(e instanceof LinuxIcsGuestArgsError);
        return e.failures.map((f) => `${f.property}: ${f.reason}`);
      }
      assert.fail("planned bad arguments");
    };
    const good = {
      vmName: "web01",
      distribution: "sles",
      version: "11",
      memoryMB: 1024,
      diskSizeGB: 20,
      ntpServers: ["ntp1.example.com"],
    };
    assert.deepEqual(failures({ ...good, ntpServers: [] }), [
      "ntpServers: ntpServers must list at least one NTP server: SLES 11 x64 with Linux Integration Components v2 gets no time from the host (an integration components limit), so its clock drifts without NTP",
    ]);
    assert.match(
      failures({ ...good, memoryMB: 1023 }).join(),
      /^memoryMB: memoryMB must be an even number of MB .*use 1024/,
    );
    assert.match(
      failures({ ...good, diskSizeGB: 4000 }).join(),
      /^diskSizeGB: diskSizeGB must be a whole number from 1 to 2040/,
    );
    assert.match(
      failures({ ...good, processors: 2 }).join(),
      /^: processors is not an argument of LinuxIcsGuest; remove it/,
    );
    assert.match(
      failures({ ...good, dynamicMemory: { minimumMB: 2048, maximumMB: 4096 } }).join(),
      /^dynamicMemory\.minimumMB: dynamicMemory\.minimumMB must not exceed memoryMB \(1024\)/,
    );
    assert.match(
      failures({ ...good, integrationComponents: "lis-9" }).join(),
      /^integrationComponents: integrationComponents must be one of linux-ics-v2, lis-2\.1, lis-3\.4, lis-3\.5, in-kernel, none/,
    );
    assert.match(
      failures({ ...good, diskPath: "C:\\vm\\web01.vhdx" }).join(),
      /^diskPath: diskPath must end in \.vhd/,
    );
    const { memoryMB: _m, ...noMemory } = good;
    assert.match(failures(noMemory).join(), /^memoryMB: memoryMB must be/);
    assert.match(
      failures({ ...good, memoryStartupMB: 1024 }).join(),
      /^: memoryStartupMB is not an argument of LinuxIcsGuest; remove it; did you mean memoryMB\?/,
    );
  });

  it("a misspelt distribution is refused with the nearest known one, instead of building an emulated-devices guest", () => {
    const good = { vmName: "db01", version: "5.4", memoryMB: 1024, diskSizeGB: 20, ntpServers: ["ntp1"] };
    assert.throws(
      () => layOutLinuxIcsGuest({ ...good, distribution: "rehl" }),
      (e: Error) =>
        e instanceof LinuxIcsGuestArgsError &&
        e.failures[0].property === "distribution" &&
        /distribution "rehl" is not a distribution the support matrix knows; did you mean rhel\?/.test(
          e.failures[0].reason,
        ) &&
        /distribution: \{ name: "rehl", unlisted: true \}/.test(e.failures[0].reason),
    );
    assert.throws(() => layOutLinuxIcsGuest({ ...good, distribution: "Red Hta" }), /did you mean red hat\?/);
    assert.throws(
      () => layOutLinuxIcsGuest({ ...good, distribution: "zzos" }),
      /"zzos" is not a distribution the support matrix knows \(known: sles, rhel, centos, debian, /,
    );
    // Other well-known distributions are known: the matrix says they are unsupported.
    assert.equal(layOutLinuxIcsGuest({ ...good, distribution: "debian", version: "5.0" }).synthetic, false);
  });

  it("an unlisted distribution, said so with { name, unlisted: true }, is planned as a guest no release supports", () => {
    const good = { vmName: "os01", version: "1", memoryMB: 1024, diskSizeGB: 20, ntpServers: ["ntp1"] };
    const plan = layOutLinuxIcsGuest({ ...good, distribution: { name: "ZZ OS", unlisted: true } });
    assert.equal(plan.synthetic, false);
    assert.equal(plan.vm.guest.distribution, "zz os");
    assert.throws(
      () => layOutLinuxIcsGuest({ ...good, distribution: { name: "zzos", unlisted: false } as never }),
      /distribution\.unlisted must be true/,
    );
  });
});

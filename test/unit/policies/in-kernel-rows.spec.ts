import { strict as assert } from "node:assert";
import { evaluateVirtualMachine, remediateVirtualMachine } from "../../../policies/api";
import {
  FEATURE_TITLES,
  guestCapabilities,
  IN_KERNEL_FEATURES,
  IN_KERNEL_GUESTS,
  inKernelRow,
  type InKernelGuestRow,
} from "../../../policies/matrix";
import { POLICY_CASES } from "./cases";
import { compliantLinuxInput, specOf, withChange, type Subject } from "./fixtures";
import { IN_KERNEL_POLICY_CASES } from "./in-kernel-cases";

const levelsOf = (violations: { policy: string; enforcementLevel: string }[], policy: string) =>
  violations
    .filter((v) => v.policy === policy)
    .map((v) => v.enforcementLevel)
    .sort();

/** Every guest a documented row names: each architecture, and Debian with its backports kernel too. */
function subjectsOf(row: InKernelGuestRow): Subject[] {
  const kernels: (string | undefined)[] = [row.kernel];
  if (Object.values(row.features).includes("backports")) kernels.push("backports");
  return row.architectures.flatMap((architecture) =>
    kernels.map((kernel) => ({
      release: "in-kernel" as const,
      guest: {
        distribution: row.distribution,
        version: row.versions[0],
        architecture,
        ...(kernel !== undefined && { kernel }),
      },
    })),
  );
}

const label = (s: Subject) =>
  `${s.guest.distribution} ${s.guest.version}${s.guest.kernel ? ` (${s.guest.kernel})` : ""} ${s.guest.architecture}`;

const SUPPORTED = IN_KERNEL_GUESTS.filter((row) => row.documented && row.features.core === "yes");
const CASES = [...POLICY_CASES, ...IN_KERNEL_POLICY_CASES];

describe("policies: every row of the in-kernel matrix by the policy case tables", () => {
  for (const row of SUPPORTED) {
    for (const subject of subjectsOf(row)) {
      it(`${label(subject)}: compliant by default; every policy reports what the row says`, () => {
        assert.equal(inKernelRow(subject.guest), row, "the guest finds its own row");
        assert.deepEqual(evaluateVirtualMachine(specOf(compliantLinuxInput(subject))), []);
        for (const c of CASES) {
          if (c.generation2 && subject.guest.architecture === "x86") continue;
          const spec = specOf(withChange(compliantLinuxInput(subject), (vm) => c.violate(vm, subject)));
          const violations = evaluateVirtualMachine(spec);
          const expected = [...c.expected(subject, "2010-01")].sort();
          assert.deepEqual(levelsOf(violations, c.policy), expected, c.policy);
          for (const v of violations.filter((x) => x.policy === c.policy)) {
            assert.match(v.message, /Fix: /, `${c.policy} states the fix`);
            assert.ok(v.message.includes("in-kernel Hyper-V drivers"), `${c.policy} names the drivers`);
          }
          const remediable = typeof c.remediable === "function" ? c.remediable(subject) : c.remediable;
          if (remediable && expected.length > 0) {
            const { spec: fixed, remediated } = remediateVirtualMachine(spec, { [c.policy]: "remediate" });
            assert.deepEqual(remediated, [c.policy]);
            assert.deepEqual(levelsOf(evaluateVirtualMachine(fixed), c.policy), [], `${c.policy} remediated`);
          }
        }
      });
    }
  }
});

describe("in-kernel matrix: the rows are the pages' columns", () => {
  it("every row has a cell for each feature, a cited source, and covers the versions it is asked for", () => {
    for (const row of IN_KERNEL_GUESTS) {
      assert.deepEqual(Object.keys(row.features), [...IN_KERNEL_FEATURES]);
      assert.ok(
        row.source.page.startsWith("Supported "),
        `${row.distribution} ${row.versions} cites its page`,
      );
      assert.match(row.source.edition, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(row.source.section.length > 0);
      if (row.daemons.package) assert.ok(row.daemons.source, "the daemons package is cited");
      if (row.ptpClock.value !== "unknown") assert.ok(row.ptpClock.source, "the PTP fact is cited");
    }
    const covered = (distribution: string, version: string, kernel?: string) =>
      inKernelRow({ distribution, version, architecture: "x64", ...(kernel && { kernel }) });
    for (const v of ["6.4", "6.10", "7.0", "7.9", "8.0", "8.6", "9.2"]) {
      assert.ok(covered("rhel", v)?.documented, `RHEL ${v}`);
      assert.ok(covered("centos", v)?.documented, `CentOS ${v}`);
    }
    for (const [v, k] of [
      ["6.9", "uek4"],
      ["7.4", "uek4"],
      ["7.8", "uek5"],
      ["7.8", "rhck"],
      ["8.5", "rhck"],
      ["9.0", "rhck"],
    ]) {
      assert.ok(covered("oracle", v, k)?.documented, `Oracle Linux ${v} ${k}`);
    }
    for (const v of ["7", "8", "9", "10", "11"]) assert.ok(covered("debian", v)?.documented, `Debian ${v}`);
    for (const v of ["14.04", "16.04", "18.04", "20.04"])
      assert.ok(covered("ubuntu", v)?.documented, `Ubuntu ${v}`);
    for (const v of ["11 sp4", "12 sp1", "12 sp2", "12 sp3", "12 sp4", "15", "15 sp5"]) {
      assert.ok(covered("sles", v)?.documented, `SLES ${v}`);
    }
    for (const v of ["10.0", "10.1", "10.2", "10.3", "10.4", "11.0", "11.1", "11.4", "12.3", "13.1"]) {
      assert.ok(covered("freebsd", v)?.documented, `FreeBSD ${v}`);
    }
    for (const v of ["9.3", "13.2", "14.0"]) {
      assert.equal(covered("freebsd", v), undefined, `FreeBSD ${v}: no built-in column lists it`);
    }
  });

  it("versions no page read lists are rows of unknowns, supported with emulated devices only", () => {
    for (const [d, v] of [
      ["debian", "12"],
      ["ubuntu", "22.04"],
      ["ubuntu", "24.04"],
    ]) {
      const row = inKernelRow({ distribution: d, version: v, architecture: "x64" });
      assert.equal(row?.documented, false, `${d} ${v}`);
      assert.ok(Object.values(row!.features).every((cell) => cell === "unknown"));
      const spec = specOf(
        withChange(
          compliantLinuxInput({
            release: "in-kernel",
            guest: { distribution: d, version: v, architecture: "x64" },
          }),
          (vm) => {
            (vm.networkAdapters as Record<string, unknown>[])[0].legacy = false;
          },
        ),
      );
      const found = evaluateVirtualMachine(spec).filter(
        (x) => x.policy === "linux-ics-emulated-devices-only",
      );
      assert.equal(found.length, 1);
      assert.match(found[0].message, /Core \(synthetic storage and network devices\) is not documented/);
    }
    const oracleWithoutKernel = { distribution: "oracle", version: "7.8", architecture: "x64" as const };
    assert.equal(inKernelRow(oracleWithoutKernel), undefined, "Oracle Linux rows are per kernel");
  });

  it("reads cells as the legend says and never counts an unknown as available", () => {
    const rhel64 = inKernelRow({ distribution: "rhel", version: "6.4", architecture: "x64" })!;
    const c64 = guestCapabilities("in-kernel", { distribution: "rhel", version: "6.4", architecture: "x64" });
    assert.equal(rhel64.features.memoryHotAdd, "no", "6.4: Dynamic Memory - Hot-Add is blank");
    assert.deepEqual([c64.memoryHotAdd, c64.memoryBallooning, c64.generation2], [false, true, false]);
    const x86 = guestCapabilities("in-kernel", { distribution: "rhel", version: "6.8", architecture: "x86" });
    assert.deepEqual([x86.memoryHotAdd, x86.memoryBallooning], [false, false], "note 7: 64-bit only");
    const stock = guestCapabilities("in-kernel", {
      distribution: "debian",
      version: "10",
      architecture: "x64",
    });
    const backports = guestCapabilities("in-kernel", {
      distribution: "debian",
      version: "10",
      architecture: "x64",
      kernel: "backports",
    });
    assert.deepEqual(
      [stock.networkOffloads, stock.memoryHotAdd],
      [false, false],
      "note 4 cells unknown on stock",
    );
    assert.deepEqual([backports.networkOffloads, backports.memoryHotAdd], [true, true]);
    assert.equal(
      guestCapabilities("in-kernel", { distribution: "rhel", version: "9.4", architecture: "x64" })
        .hostTimeViaPtp,
      true,
    );
    assert.equal(
      guestCapabilities("in-kernel", {
        distribution: "oracle",
        version: "7.4",
        architecture: "x64",
        kernel: "uek4",
      }).hostTimeViaPtp,
      false,
    );
    assert.equal(FEATURE_TITLES.secureBoot, "Secure boot");
  });

  it("holds the pages' cells (spot checks of each page's Secure boot, SR-IOV and Hot-Add rows)", () => {
    const cell = (d: string, v: string, feature: keyof typeof FEATURE_TITLES, kernel?: string) =>
      inKernelRow({ distribution: d, version: v, architecture: "x64", ...(kernel && { kernel }) })!.features[
        feature
      ];
    const cells: [string, string, keyof typeof FEATURE_TITLES, string, string?][] = [
      ["rhel", "9.1", "secureBoot", "yes"],
      ["rhel", "7.0", "secureBoot", "yes"],
      ["rhel", "6.8", "secureBoot", "no"],
      ["rhel", "6.8", "uefiBoot", "yes"],
      ["rhel", "6.6", "uefiBoot", "no"],
      ["rhel", "7.3", "srIov", "no"],
      ["rhel", "7.4", "srIov", "yes"],
      ["rhel", "8.0", "moreThan256Vcpus", "no"],
      ["oracle", "6.9", "secureBoot", "no", "uek4"],
      ["oracle", "7.8", "runtimeMemoryResize", "no", "rhck"],
      ["oracle", "7.8", "runtimeMemoryResize", "yes", "uek5"],
      ["debian", "9", "secureBoot", "no"],
      ["debian", "10", "secureBoot", "yes"],
      ["debian", "8", "memoryHotAdd", "no"],
      ["debian", "11", "memoryHotAdd", "backports"],
      ["ubuntu", "14.04", "srIov", "no"],
      ["ubuntu", "16.04", "accurateTime", "yes"],
      ["sles", "11 sp4", "secureBoot", "no"],
      ["sles", "12 sp1", "secureBoot", "yes"],
      ["sles", "11 sp3", "tcpSegmentationAndChecksumOffloads", "no"],
      ["freebsd", "13.1", "secureBoot", "no"],
      ["freebsd", "13.1", "uefiBoot", "yes"],
      ["freebsd", "13.1", "srIov", "yes"],
      ["freebsd", "13.1", "memoryHotAdd", "no"],
      ["freebsd", "13.1", "moreThan256Vcpus", "unknown"],
      ["freebsd", "11.1", "srIov", "no"],
      ["freebsd", "11.0", "liveBackup", "no"],
      ["freebsd", "11.0", "vrss", "yes"],
      ["freebsd", "10.4", "uefiBoot", "no"],
      ["freebsd", "10.4", "accurateTime", "no"],
      ["freebsd", "10.3", "vrss", "no"],
      ["freebsd", "10.2", "tcpSegmentationAndChecksumOffloads", "yes"],
      ["freebsd", "10.1", "tcpSegmentationAndChecksumOffloads", "no"],
      ["freebsd", "10.1", "keyValuePair", "yes"],
    ];
    for (const [d, v, feature, value, kernel] of cells) {
      assert.equal(
        cell(d, v, feature, kernel),
        value,
        `${d} ${v}${kernel ? ` ${kernel}` : ""}: ${FEATURE_TITLES[feature]}`,
      );
    }
  });

  it("a FreeBSD guest is its own family, judged by its row: no secure boot, no dynamic memory, no PTP", () => {
    const freebsd = (version: string, extra: Record<string, unknown> = {}) =>
      specOf({
        vmName: "bsd",
        generation: 2,
        memoryStartupMB: 1024,
        guest: { family: "FreeBSD", distribution: "FreeBSD", version, architecture: "x64", ...extra },
        hardDisks: [
          { path: "C:\\vm\\root.vhdx", controllerType: "SCSI", controllerNumber: 0, controllerLocation: 0 },
        ],
        timeSync: { ntpServers: ["ntp1.example.com", "ntp2.example.com"] },
      });
    const bsd13 = freebsd("13.1-RELEASE");
    assert.deepEqual(
      [bsd13.guest.family, bsd13.guest.distribution, bsd13.guest.version, bsd13.guest.integrationComponents],
      ["freebsd", "freebsd", "13.1", "in-kernel"],
      'BIS are built in: the release defaults to "in-kernel"',
    );
    assert.equal(bsd13.firmware?.secureBoot, false, "Secure boot is blank for every FreeBSD column");
    assert.equal(bsd13.timeSync.ptpRefclock, undefined, "the page says nothing of PTP");
    assert.equal(bsd13.integrationServices.keyValuePairExchange, true, "KVP is built in; no package named");
    assert.deepEqual(evaluateVirtualMachine(bsd13), []);
    const secureBootOn = specOf({
      ...withChange(
        compliantLinuxInput({
          release: "in-kernel",
          guest: { distribution: "freebsd", version: "13.1", architecture: "x64" },
        }),
        (vm) => {
          vm.generation = 2;
          vm.firmware = { secureBoot: true, secureBootTemplate: "MicrosoftUEFICertificateAuthority" };
          (vm.hardDisks as Record<string, unknown>[])[0].controllerType = "SCSI";
          (vm.hardDisks as Record<string, unknown>[])[0].path = "C:\\vm\\root.vhdx";
          delete vm.dvdDrives;
          (vm.networkAdapters as Record<string, unknown>[])[0].legacy = false;
        },
      ),
    });
    const found = evaluateVirtualMachine(secureBootOn).filter(
      (v) => v.policy === "linux-secure-boot-template",
    );
    assert.equal(found.length, 1, "secure boot on is judged against the blank Secure boot cell");
    assert.match(found[0].message, /FREEBSD 13\.1 x64 guest with in-kernel Hyper-V drivers/);
    assert.deepEqual(
      evaluateVirtualMachine(freebsd("10.4")).map((v) => v.policy),
      ["linux-ics-generation-1"],
      "10.4: Boot using UEFI is blank",
    );
    assert.throws(
      () =>
        specOf({
          ...compliantLinuxInput("none"),
          guest: {
            family: "freebsd",
            distribution: "freebsd",
            version: "13.1",
            integrationComponents: "lis-3.5",
          },
        }),
      /guest\.integrationComponents.*lis-3\.5.*a FreeBSD guest has .*in-kernel.* drivers \(BIS\)/,
    );
  });

  it("the model's defaults follow the row: secure boot template, PTP, daemons-dependent services", () => {
    const gen2 = (guest: Subject["guest"], extra: Record<string, unknown> = {}) =>
      specOf({
        vmName: "vm",
        generation: 2,
        memoryStartupMB: 1024,
        guest: { family: "linux", integrationComponents: "in-kernel", ...guest, ...extra },
        hardDisks: [
          { path: "C:\\vm\\root.vhdx", controllerType: "SCSI", controllerNumber: 0, controllerLocation: 0 },
        ],
      });
    const rhel9 = gen2({ distribution: "rhel", version: "9.2", architecture: "x64" });
    assert.deepEqual(rhel9.firmware, {
      secureBoot: true,
      secureBootTemplate: "MicrosoftUEFICertificateAuthority",
    });
    assert.equal(rhel9.timeSync.ptpRefclock, true);
    assert.equal(rhel9.integrationServices.keyValuePairExchange, false, "hyperv-daemons not declared");
    assert.equal(
      gen2({ distribution: "rhel", version: "9.2", architecture: "x64" }, { hypervDaemons: true })
        .integrationServices.keyValuePairExchange,
      true,
    );
    const rhel68 = gen2({ distribution: "rhel", version: "6.8", architecture: "x64" });
    assert.equal(rhel68.firmware?.secureBoot, false, "6.x: Secure boot is blank");
    assert.equal(rhel68.timeSync.ptpRefclock, undefined);
    assert.deepEqual(evaluateVirtualMachine(rhel9), []);
    assert.deepEqual(evaluateVirtualMachine(rhel68), []);
  });
});

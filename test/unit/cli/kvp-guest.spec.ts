import { strict as assert } from "node:assert";
import { audit, type HostReport } from "../../../cli/audit";
import { guestFromKvp } from "../../../cli/audit/kvp-guest";
import type { VmDescription } from "../../../provider/resources/vm-description";
import { vmDescription } from "../resources/vm-description-fixture";

/** Items as the Linux and FreeBSD hv_kvp_daemon report them (kvp_get_os_info). */
const linux = (name: string, versionId: string, build: string, arch = "x86_64") => ({
  OSName: name,
  OSMajorVersion: versionId,
  OSVersion: build.split("-")[0],
  OSBuildNumber: build,
  ProcessorArchitecture: arch,
});

/** A running VM as vm-list reports it, without KVP items. */
const baseVm = (vmName: string): VmDescription => vmDescription(vmName, { state: "Running" });

describe("audit: the guest identity a guest reports through KVP", () => {
  it("maps the daemons' OSName, VERSION_ID, kernel and architecture onto the guest input of a documented row", () => {
    const cases: [Record<string, string>, Record<string, unknown>][] = [
      [
        { OSName: "FreeBSD", OSMajorVersion: "", OSBuildNumber: "13.1", ProcessorArchitecture: "amd64" },
        { family: "freebsd", distribution: "freebsd", version: "13.1", architecture: "x64" },
      ],
      [
        { OSName: "FreeBSD", OSMajorVersion: "12.3", OSBuildNumber: "12.3", ProcessorArchitecture: "i386" },
        { family: "freebsd", distribution: "freebsd", version: "12.3", architecture: "x86" },
      ],
      [
        linux("Red Hat Enterprise Linux", "9.2", "5.14.0-284.11.1.el9_2.x86_64"),
        { family: "linux", distribution: "rhel", version: "9.2", architecture: "x64", hypervDaemons: true },
      ],
      [
        linux("Ubuntu", "20.04", "5.4.0-150-generic"),
        { family: "linux", distribution: "ubuntu", version: "20.04", architecture: "x64" },
      ],
      [
        linux("SLES", "15.4", "5.14.21-150400.24.46-default"),
        { family: "linux", distribution: "sles", version: "15 sp4", architecture: "x64" },
      ],
      [
        linux("Oracle Linux Server", "7.8", "4.14.35-1902.300.11.el7uek.x86_64"),
        {
          family: "linux",
          distribution: "oracle",
          version: "7.8",
          architecture: "x64",
          kernel: "uek5",
          hypervDaemons: true,
        },
      ],
      [
        linux("Oracle Linux Server", "7.8", "3.10.0-1127.el7.x86_64"),
        {
          family: "linux",
          distribution: "oracle",
          version: "7.8",
          architecture: "x64",
          kernel: "rhck",
          hypervDaemons: true,
        },
      ],
      [
        linux("Debian GNU/Linux", "10", "4.19.0-0.bpo.9-amd64", "x86_64"),
        {
          family: "linux",
          distribution: "debian",
          version: "10",
          architecture: "x64",
          kernel: "backports",
          hypervDaemons: true,
        },
      ],
    ];
    for (const [items, expected] of cases) {
      const got = guestFromKvp(items);
      assert.ok(got.ok, JSON.stringify(got));
      assert.deepEqual(got.guest, { ...expected, integrationComponents: "in-kernel" }, JSON.stringify(items));
    }
  });

  it("leaves what it cannot place unjudged, with the reason", () => {
    const cases: [Record<string, string> | null, RegExp][] = [
      [null, /reports none through Key-Value Pair Exchange/],
      [{}, /reports none/],
      [
        linux("Arch Linux", "", "6.6.1-arch1-1"),
        /OSName "Arch Linux" .*no distribution the support matrix lists/,
      ],
      [linux("Ubuntu", "", "5.15.0-91-generic"), /no version/],
      [linux("Ubuntu", "22.04", "5.15.0-91-generic"), /no documented row of the in-kernel matrix lists/],
      [linux("CentOS Linux", "7", "3.10.0-1160.el7.x86_64"), /splits by minor release/],
      [
        linux("Red Hat Enterprise Linux Server", "6.2", "2.6.32-220.el6.x86_64"),
        /packaged integration services/,
      ],
      [linux("Ubuntu", "20.04", "5.4.0-150-generic", "aarch64"), /ProcessorArchitecture "aarch64"/],
      [
        linux("Oracle Linux Server", "8.6", "5.4.17-2136.el8uek.x86_64"),
        /neither UEK4 .* nor UEK5 .* nor RHCK/,
      ],
    ];
    for (const [items, reason] of cases) {
      const got = guestFromKvp(items);
      assert.equal(got.ok, false, JSON.stringify(items));
      assert.match(!got.ok ? got.reason : "", reason);
      assert.match(!got.ok ? got.reason : "", /inventory/);
    }
  });

  it("the inventory wins over KVP; KVP identifies a VM the inventory lacks; neither leaves it unjudged", () => {
    const vm = (vmName: string, guestKvp: VmDescription["guestKvp"]): VmDescription => ({
      ...baseVm(vmName),
      guestKvp,
    });
    const bsd = { OSName: "FreeBSD", OSBuildNumber: "13.1", ProcessorArchitecture: "amd64" };
    const hosts: HostReport[] = [
      { host: "simulator://hv01", vms: [vm("a", bsd), vm("bb", bsd), vm("ccc", null)] },
    ];
    const doc = audit({
      hosts,
      inventory: [{ name: "bb", guest: { family: "linux", distribution: "sles", version: "11" } }],
      config: {},
      today: "2026-01-01",
      packVersion: "0.0.0",
    });
    const byName = new Map(doc.vms.map((v) => [v.vmName, v]));
    assert.deepEqual(byName.get("a")!.guest, {
      source: "kvp",
      input: {
        family: "freebsd",
        distribution: "freebsd",
        version: "13.1",
        architecture: "x64",
        integrationComponents: "in-kernel",
      },
    });
    assert.equal(byName.get("a")!.status, "judged");
    assert.equal(byName.get("bb")!.guest?.source, "inventory");
    assert.equal(byName.get("ccc")!.status, "unjudged");
    assert.match(byName.get("ccc")!.reason!, /no guest identity: add \{ name: "ccc"/);
  });

  it("a host that refused the KVP query leaves its VMs to the inventory, and says why", () => {
    const vm: VmDescription = {
      ...baseVm("ddd"),
      guestKvp: null,
      guestKvpError: "the host's KVP items could not be read: Access denied",
    };
    const doc = audit({
      hosts: [{ host: "simulator://hv01", vms: [vm] }],
      inventory: [],
      config: {},
      today: "2026-01-01",
      packVersion: "0.0.0",
    });
    assert.equal(doc.vms[0].status, "unjudged");
    assert.match(doc.vms[0].reason!, /could not be read: Access denied\): add \{ name: "ddd"/);
  });
});

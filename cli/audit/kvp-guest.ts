/**
 * The guest identity a VM's guest reports of itself through Key-Value Pair Exchange, as the
 * `VirtualMachine` `guest` input. Hyper-V has the guest's items in
 * `Msvm_KvpExchangeComponent.GuestIntrinsicExchangeItems` ("Data Exchange: Using key-value pairs to
 * share information between the host and guest on Hyper-V", Microsoft Learn); the KVP daemons fill
 * them in `kvp_get_os_info` (Linux `tools/hv/hv_kvp_daemon.c`, FreeBSD `hv_kvp_daemon.c`):
 *
 * - `OSName`: `/etc/os-release` `NAME` ("Ubuntu", "Red Hat Enterprise Linux", "FreeBSD"), else the
 *   kernel's name (uname sysname, "Linux", "FreeBSD");
 * - `OSMajorVersion`: `/etc/os-release` `VERSION_ID` ("22.04", "8.6", "15.4", "13.1");
 * - `OSBuildNumber`: the kernel release (Linux: uname -r, e.g. "4.14.35-1902.el7uek.x86_64";
 *   FreeBSD: up to the first "-", "13.1" of "13.1-RELEASE");
 * - `ProcessorArchitecture`: uname -m ("x86_64", "amd64", "i686").
 *
 * Only a guest the in-kernel matrix documents is identified: a name, version, kernel or architecture
 * the matrix cannot place leaves the VM unjudged, with the reason. Pure.
 */
import {
  canonicalDistribution,
  canonicalVersion,
  inKernelRow,
  type GuestArchitecture,
} from "../../provider/model";
import { IN_KERNEL_GUESTS } from "../../provider/model/in-kernel-guests";

/** The guest-intrinsic KVP items of a VM (Name -> Data), as `vm-list` reports them. */
export type KvpItems = Readonly<Record<string, string>>;

export type KvpGuest = { ok: true; guest: Record<string, unknown> } | { ok: false; reason: string };

/** `/etc/os-release` `NAME` values of the distributions the matrix lists (lower case). */
const OS_NAMES: Readonly<Record<string, string>> = {
  freebsd: "freebsd",
  ubuntu: "ubuntu",
  "debian gnu/linux": "debian",
  "red hat enterprise linux": "rhel",
  "red hat enterprise linux server": "rhel",
  "centos linux": "centos",
  "oracle linux server": "oracle",
  sles: "sles",
  "suse linux enterprise server": "sles",
};

const ARCHITECTURES: Readonly<Record<string, GuestArchitecture>> = {
  x86_64: "x64",
  amd64: "x64",
  i386: "x86",
  i486: "x86",
  i586: "x86",
  i686: "x86",
};

/** Oracle Linux rows split by kernel: UEK4 is 4.1.12, UEK5 4.14 (the Oracle page's legend); others are RHCK. */
function oracleKernel(build: string): string | undefined {
  if (!/uek/i.test(build)) return "rhck";
  if (build.startsWith("4.1.12")) return "uek4";
  if (build.startsWith("4.14.")) return "uek5";
  return undefined;
}

/** Debian's backports kernels carry `bpo` (e.g. 4.19.0-0.bpo.9) or `0.debNN` (6.1.0-0.deb11.13) in their release. */
const isDebianBackports = (build: string) => /[.-](bpo|deb\d+)\./.test(build);

const shown = (value: string) => JSON.stringify(value);

/** The `guest` input the items identify, or why they identify none. */
export function guestFromKvp(items: KvpItems | null | undefined): KvpGuest {
  const inventoryHint = "add the VM to the inventory";
  if (!items || Object.keys(items).length === 0) {
    return {
      ok: false,
      reason:
        "no guest identity: the guest reports none through Key-Value Pair Exchange; add { name, guest: { ... } } (the VM's guest input) to the inventory",
    };
  }
  const name = (items.OSName ?? "").trim();
  const distribution = OS_NAMES[name.toLowerCase()];
  if (!distribution) {
    return {
      ok: false,
      reason: `the guest reports OSName ${shown(name)} through Key-Value Pair Exchange, which is no distribution the support matrix lists; ${inventoryHint}`,
    };
  }
  const build = (items.OSBuildNumber ?? "").trim();
  // The FreeBSD daemon reports VERSION_ID only where /etc/os-release exists; its build number is the release.
  const reported = (items.OSMajorVersion ?? "").trim() || (distribution === "freebsd" ? build : "");
  if (!reported) {
    return {
      ok: false,
      reason: `the guest reports OSName ${shown(name)} but no version through Key-Value Pair Exchange; ${inventoryHint}`,
    };
  }
  const arch = ARCHITECTURES[(items.ProcessorArchitecture ?? "").trim().toLowerCase()];
  if (!arch) {
    return {
      ok: false,
      reason: `the guest reports ProcessorArchitecture ${shown(items.ProcessorArchitecture ?? "")}, which is neither x86 nor x64; ${inventoryHint}`,
    };
  }
  const version = canonicalVersion(canonicalDistribution(distribution), reported);
  let kernel: string | undefined;
  if (distribution === "oracle") {
    kernel = oracleKernel(build);
    if (kernel === undefined) {
      return {
        ok: false,
        reason: `the guest reports Oracle Linux kernel ${shown(build)}, which is neither UEK4 (4.1.12) nor UEK5 (4.14) nor RHCK; ${inventoryHint}`,
      };
    }
  } else if (distribution === "debian" && isDebianBackports(build)) {
    kernel = "backports";
  }
  const identity = { distribution, version, architecture: arch, ...(kernel && { kernel }) };
  const row = inKernelRow(identity);
  if (!row || !row.documented) {
    // A major version alone ("7") where the matrix splits by minor release names no row either.
    const splits = IN_KERNEL_GUESTS.some(
      (r) => r.distribution === distribution && r.versions.some((v) => v.startsWith(`${version}.`)),
    );
    return {
      ok: false,
      reason:
        `the guest reports ${shown(name)} ${shown(reported)} through Key-Value Pair Exchange, which ` +
        (splits
          ? "the support matrix splits by minor release"
          : "no documented row of the in-kernel matrix lists (it may run packaged integration services)") +
        `; ${inventoryHint}`,
    };
  }
  return {
    ok: true,
    guest: {
      family: distribution === "freebsd" ? "freebsd" : "linux",
      ...identity,
      integrationComponents: "in-kernel",
      // The guest answers KVP, so its KVP daemon runs: where the row names the package that ships it, it is installed.
      ...(row.daemons.package !== undefined && row.daemons.keyValuePair && { hypervDaemons: true }),
    },
  };
}

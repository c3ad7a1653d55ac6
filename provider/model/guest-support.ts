/**
 * The Linux guest support matrix: which integration components release supports which guest with
 * synthetic devices, and what each release can and cannot do.
 *
 * The data lives in the model, not in the policy pack, because the model derives compliant
 * defaults from it (a guest without host time sync defaults to the Time Synchronization service
 * off, ...) and the model must not depend on the pack. `policies/matrix.ts` re-exports it, so the
 * pack and the model judge a guest from the same rows. Adding a release is adding rows here.
 */
import {
  IN_KERNEL_GUESTS,
  rowSelector,
  type InKernelFeature,
  type InKernelGuestRow,
} from "./in-kernel-guests";

/**
 * Integration components installed in a guest. `in-kernel`: the distribution's own kernel has the
 * Hyper-V drivers ("built-in"; see `in-kernel-guests.ts`). `none`: no synthetic device drivers at all.
 */
export const INTEGRATION_COMPONENTS_RELEASES = [
  "linux-ics-v2",
  "lis-2.1",
  "lis-3.4",
  "lis-3.5",
  "in-kernel",
  "none",
] as const;
export type IntegrationComponentsRelease = (typeof INTEGRATION_COMPONENTS_RELEASES)[number];

/** Editions of the Linux ICs v2 readme; the ISO never changed, only the list of supported guests. */
export const README_EDITIONS = ["2009-07", "2009-10", "2010-01"] as const;
export type ReadmeEdition = (typeof README_EDITIONS)[number];

/** The readme edition used when none is selected: the 2010-01 readme. */
export const DEFAULT_README_EDITION: ReadmeEdition = "2010-01";

export const GUEST_ARCHITECTURES = ["x86", "x64"] as const;
export type GuestArchitecture = (typeof GUEST_ARCHITECTURES)[number];

/** What a release's drivers provide inside the guest. */
export interface GuestCapabilities {
  /** Most virtual processors the release supports for a Linux guest. */
  readonly maxVirtualProcessors: number;
  /** Time synchronization with the host. */
  readonly hostTimeSync: boolean;
  /** Host-initiated graceful shutdown. */
  readonly shutdownIntegration: boolean;
  /** Heartbeat service. */
  readonly heartbeat: boolean;
  /** Key-value pair exchange. */
  readonly keyValuePairExchange: boolean;
  /** VSS live backup (without it a backup saves the VM's state). */
  readonly liveBackup: boolean;
  /** LSOv2, checksum offload, TCP Chimney and VMQ. */
  readonly networkOffloads: boolean;
  /** Frames above the standard 1500-byte MTU. */
  readonly jumboFrames: boolean;
  /** Dynamic memory by hot-adding memory to the running guest (growing it above its startup memory). */
  readonly memoryHotAdd: boolean;
  /** Dynamic memory by ballooning (taking memory back from the running guest). */
  readonly memoryBallooning: boolean;
  /** A mouse driver shipped with the release itself. */
  readonly mouseDriver: boolean;
  /** Generation 2 VMs (UEFI, no IDE) boot with this release's kernels. */
  readonly generation2: boolean;
  /** A generation 2 VM boots with UEFI secure boot on. */
  readonly secureBoot: boolean;
  /** The host's clock reaches the guest as a PTP clock (`/dev/ptp_hyperv`) that chrony can read. */
  readonly hostTimeViaPtp: boolean;
}

/** A set of guests named by distribution, versions and architectures. */
export interface GuestSelector {
  /** Canonical distribution id (see {@link canonicalDistribution}). */
  readonly distribution: string;
  /** Canonical versions; a listed version also covers its service packs / point releases below it. */
  readonly versions: readonly string[];
  readonly architectures: readonly GuestArchitecture[];
  /** The kernel the guests run (e.g. `uek5`), where the statement splits by kernel. */
  readonly kernel?: string;
}

/** One published list of supported guests. */
export interface SupportStatement {
  /** Human name, e.g. "2009-10 RTM readme". */
  readonly title: string;
  readonly guests: readonly GuestSelector[];
}

/** One integration components release. */
export interface ReleaseSupport {
  readonly displayName: string;
  readonly capabilities: GuestCapabilities;
  /** Supported guests per readme edition; a release with a single statement uses the default edition key. */
  readonly statements: Readonly<Partial<Record<ReadmeEdition, SupportStatement>>>;
}

const BOTH: readonly GuestArchitecture[] = ["x86", "x64"];

const ICS_V2_CAPABILITIES: GuestCapabilities = {
  maxVirtualProcessors: 1,
  hostTimeSync: false,
  shutdownIntegration: false,
  heartbeat: false,
  keyValuePairExchange: false,
  liveBackup: false,
  networkOffloads: false,
  jumboFrames: false,
  memoryHotAdd: false,
  memoryBallooning: false,
  mouseDriver: false,
  generation2: false,
  secureBoot: false,
  hostTimeViaPtp: false,
};

/*
 * LIS 3.4 and 3.5, from Microsoft's "Linux Integration Services 3.5 Announcement" (Virtualization
 * team blog, 2014-01-02; MicrosoftDocs/Virtualization-Documentation,
 * virtualization/community/team-blog/2014/20140102-linux-integration-services-3-5-announcement.md),
 * whose feature table compares LIS 3.5 with LIS 3.4 per guest. "Core" in that table is, per
 * Microsoft's "Feature Descriptions for Linux and FreeBSD virtual machines on Hyper-V": integrated
 * shutdown, time synchronization, multiprocessing, heartbeat, integrated mouse support and the
 * synthetic storage and network devices.
 */
const LIS_3_4_CAPABILITIES: GuestCapabilities = {
  ...ICS_V2_CAPABILITIES,
  // Core (table row "Core", LIS 3.4 column). Multiprocessing has no stated limit: 64 is Hyper-V's
  // most virtual processors per VM on the Windows Server 2012 hosts the table is written for
  // (reference/hyperv-cmdlets.md §6.1), and the model's generation 1 limit.
  maxVirtualProcessors: 64,
  hostTimeSync: true,
  shutdownIntegration: true,
  heartbeat: true,
  mouseDriver: true,
  // Table row "Jumbo frames": available with LIS 3.4 and 3.5. TCP segmentation and checksum
  // offloads only appear with LIS 4.x (Supported CentOS and RHEL virtual machines on Hyper-V).
  jumboFrames: true,
  // Rows "Key-Value Pair", "Live virtual machine backup", "Dynamic Memory – Ballooning" and
  // "– Hot Add" are blank for LIS 3.4.
};

const LIS_3_5_CAPABILITIES: GuestCapabilities = {
  ...LIS_3_4_CAPABILITIES,
  // Row "Key-Value Pair": available with LIS 3.5.
  keyValuePairExchange: true,
  // Row "Live virtual machine backup": available with LIS 3.5 (on Windows Server 2012 R2 hosts).
  liveBackup: true,
  // Row "Dynamic Memory – Ballooning": available; note 5: "LIS 3.5 only provides Dynamic Memory
  // ballooning support—it does not provide hot-add support".
  memoryBallooning: true,
};

/** The support matrix, keyed by release. */
export const GUEST_SUPPORT: Readonly<Record<IntegrationComponentsRelease, ReleaseSupport>> = {
  "linux-ics-v2": {
    displayName: "Linux Integration Components v2",
    capabilities: ICS_V2_CAPABILITIES,
    statements: {
      "2009-07": {
        title: "2009-07 RC2 readme",
        guests: [
          { distribution: "sles", versions: ["10", "11"], architectures: BOTH },
          { distribution: "rhel", versions: ["5.2", "5.3"], architectures: BOTH },
        ],
      },
      "2009-10": {
        title: "2009-10 RTM readme",
        guests: [{ distribution: "sles", versions: ["10", "11"], architectures: BOTH }],
      },
      "2010-01": {
        title: "2010-01 readme",
        guests: [
          { distribution: "sles", versions: ["10", "11"], architectures: BOTH },
          { distribution: "rhel", versions: ["5.2", "5.3", "5.4"], architectures: BOTH },
        ],
      },
    },
  },
  // "Linux Integration Services v2.1 Now Available" (Virtualization team blog, 2010-07-29): adds
  // timesync, integrated shutdown, SMP "up to 4 virtual processors" and heartbeat to the synthetic
  // drivers; supports SLES 10 SP3, SLES 11 and RHEL 5.2-5.5. No dynamic memory, KVP or live backup.
  "lis-2.1": {
    displayName: "Linux Integration Services 2.1",
    capabilities: {
      ...ICS_V2_CAPABILITIES,
      maxVirtualProcessors: 4,
      hostTimeSync: true,
      shutdownIntegration: true,
      heartbeat: true,
    },
    statements: {
      [DEFAULT_README_EDITION]: {
        title: "LIS 2.1 readme",
        guests: [
          { distribution: "sles", versions: ["10 sp3", "11"], architectures: BOTH },
          { distribution: "rhel", versions: ["5.2", "5.3", "5.4", "5.5"], architectures: BOTH },
        ],
      },
    },
  },
  "lis-3.4": {
    displayName: "Linux Integration Services 3.4",
    capabilities: LIS_3_4_CAPABILITIES,
    statements: {
      [DEFAULT_README_EDITION]: {
        // The LIS 3.5 announcement's table: the LIS 3.4 column has "Core" for RHEL/CentOS 6.0-6.3
        // and 5.7-5.8 and nothing for 5.5-5.6, the guests LIS 3.5 "expanded" support to. The table
        // splits no architecture: x86 and x64, as the announcement states for these guests.
        title: "LIS 3.4 (per the LIS 3.5 announcement's comparison)",
        guests: [
          { distribution: "rhel", versions: ["5.7", "5.8", "6.0", "6.1", "6.2", "6.3"], architectures: BOTH },
          {
            distribution: "centos",
            versions: ["5.7", "5.8", "6.0", "6.1", "6.2", "6.3"],
            architectures: BOTH,
          },
        ],
      },
    },
  },
  "lis-3.5": {
    displayName: "Linux Integration Services 3.5",
    capabilities: LIS_3_5_CAPABILITIES,
    statements: {
      [DEFAULT_README_EDITION]: {
        // The LIS 3.5 announcement: "Red Hat Enterprise Linux (RHEL) 5.5-5.8, 6.0-6.3 x86 and x64;
        // CentOS 5.5-5.8, 6.0-6.3 x86 and x64".
        title: "LIS 3.5 announcement",
        guests: [
          {
            distribution: "rhel",
            versions: ["5.5", "5.6", "5.7", "5.8", "6.0", "6.1", "6.2", "6.3"],
            architectures: BOTH,
          },
          {
            distribution: "centos",
            versions: ["5.5", "5.6", "5.7", "5.8", "6.0", "6.1", "6.2", "6.3"],
            architectures: BOTH,
          },
        ],
      },
    },
  },
  "in-kernel": {
    displayName: "in-kernel Hyper-V drivers",
    // What a guest's drivers do comes from its row of the in-kernel matrix (guestCapabilities); a
    // guest no row documents is supported with emulated devices only, as without drivers.
    capabilities: ICS_V2_CAPABILITIES,
    statements: {
      [DEFAULT_README_EDITION]: {
        title: 'Microsoft\'s "Supported ... virtual machines on Hyper-V" pages',
        guests: IN_KERNEL_GUESTS.filter((row) => row.features.core === "yes").map(rowSelector),
      },
    },
  },
  none: {
    displayName: "no integration components",
    // Without synthetic drivers a Linux guest is supported with emulated devices only; the
    // single-processor statement of Hyper-V 2.0 for Linux guests still applies.
    capabilities: ICS_V2_CAPABILITIES,
    statements: {},
  },
};

/** The row of the in-kernel matrix that documents the guest (the first that names it), if any. */
export function inKernelRow(guest: GuestIdentity): InKernelGuestRow | undefined {
  return IN_KERNEL_GUESTS.find((row) => guestMatches([rowSelector(row)], guest));
}

/** What a row's drivers do for a guest: only what the row documents counts as available. */
export function inKernelCapabilities(row: InKernelGuestRow, guest: GuestIdentity): GuestCapabilities {
  const has = (f: InKernelFeature) =>
    row.features[f] === "yes" || (row.features[f] === "backports" && guest.kernel === "backports");
  const core = has("core");
  // "Dynamic memory support is only available on 64-bit virtual machines" (where the page says so).
  const dynamicMemory = !(row.dynamicMemory64BitOnly && guest.architecture !== "x64");
  return {
    // Core includes multiprocessing with no stated limit: the model's most virtual processors.
    maxVirtualProcessors: core ? MAX_VIRTUAL_PROCESSORS : 1,
    // Core: integrated shutdown, time synchronization, heartbeat, integrated mouse support and the
    // synthetic storage and network devices ("Feature Descriptions for Linux and FreeBSD ...", Core).
    hostTimeSync: core,
    shutdownIntegration: core,
    heartbeat: core,
    mouseDriver: core,
    keyValuePairExchange: has("keyValuePair"),
    liveBackup: has("liveBackup"),
    networkOffloads: has("tcpSegmentationAndChecksumOffloads"),
    jumboFrames: has("jumboFrames"),
    memoryHotAdd: dynamicMemory && has("memoryHotAdd"),
    memoryBallooning: dynamicMemory && has("memoryBallooning"),
    generation2: has("uefiBoot"),
    secureBoot: has("secureBoot"),
    hostTimeViaPtp: row.ptpClock.value === "yes",
  };
}

/** Hyper-V's most virtual processors per VM, as the model bounds `processorCount`. */
export const MAX_VIRTUAL_PROCESSORS = 240;

/**
 * What the integration components of a guest can do: the release's capabilities, or for
 * `in-kernel` those of the guest's row (a guest no row documents gets no synthetic devices).
 */
export function guestCapabilities(
  release: IntegrationComponentsRelease,
  guest: GuestIdentity,
): GuestCapabilities {
  if (release !== "in-kernel") return GUEST_SUPPORT[release].capabilities;
  const row = inKernelRow(guest);
  return row ? inKernelCapabilities(row, guest) : GUEST_SUPPORT[release].capabilities;
}

/**
 * The mouse driver (inputvsc) comes from Citrix Project Satori, not from Microsoft's package, and
 * needs the ICs v2 VMBus. It was reported working on these guests with ICs v2 ...
 */
export const MOUSE_INTEGRATION_KNOWN_TO_WORK: readonly GuestSelector[] = [
  { distribution: "sles", versions: ["10"], architectures: BOTH },
  { distribution: "rhel", versions: ["5.3"], architectures: BOTH },
];

/** ... and its installation fails on these (a SLES 11 limitation in the 2010-01 readme). */
export const MOUSE_INTEGRATION_KNOWN_TO_FAIL: readonly GuestSelector[] = [
  { distribution: "sles", versions: ["11"], architectures: BOTH },
];

/** The release whose VMBus the mouse driver was tested with. */
export const MOUSE_INTEGRATION_RELEASE: IntegrationComponentsRelease = "linux-ics-v2";

const DISTRIBUTION_ALIASES: Readonly<Record<string, string>> = {
  oracle: "oracle",
  ol: "oracle",
  "oracle linux": "oracle",
  oraclelinux: "oracle",
  "oracle linux server": "oracle",
  ubuntu: "ubuntu",
  "ubuntu server": "ubuntu",
  debian: "debian",
  "debian gnu/linux": "debian",
  sles: "sles",
  suse: "sles",
  "suse linux enterprise server": "sles",
  "suse linux enterprise": "sles",
  freebsd: "freebsd",
  rhel: "rhel",
  redhat: "rhel",
  "red hat": "rhel",
  "red hat enterprise linux": "rhel",
};

/**
 * Distributions known by name: the ones the support matrix lists, then other Linux distributions of
 * its era, which no release supports (a guest of one gets emulated devices), and FreeBSD (the in-kernel
 * matrix lists its releases). A name known neither here nor as an alias is most likely a typo.
 */
export const KNOWN_DISTRIBUTIONS = [
  "sles",
  "rhel",
  "centos",
  "debian",
  "ubuntu",
  "fedora",
  "opensuse",
  "oracle",
  "scientific",
  "asianux",
  "mandriva",
  "gentoo",
  "slackware",
  "arch",
  "freebsd",
] as const;

/** Every name a distribution is known by: the canonical ids and their aliases (`redhat`, `suse`, ...). */
export const KNOWN_DISTRIBUTION_NAMES: readonly string[] = [
  ...KNOWN_DISTRIBUTIONS,
  ...Object.keys(DISTRIBUTION_ALIASES).filter(
    (name) => !(KNOWN_DISTRIBUTIONS as readonly string[]).includes(name),
  ),
];

/** True when `name` (any spelling {@link canonicalDistribution} accepts) is a known distribution. */
export function isKnownDistribution(name: string): boolean {
  return (KNOWN_DISTRIBUTIONS as readonly string[]).includes(canonicalDistribution(name));
}

/** Canonical distribution id: `sles`, `rhel`, `centos`, `oracle`, `debian`, `ubuntu`, or the lower-cased, trimmed name for any other one. */
export function canonicalDistribution(name: string): string {
  const key = name.trim().toLowerCase().replace(/\s+/g, " ");
  return DISTRIBUTION_ALIASES[key] ?? key;
}

/**
 * Canonical version: SLES as `10` or `10 sp3` (from "10 SP3", "10SP3", "10.3"), RHEL, CentOS and
 * Oracle Linux as `5.4`, FreeBSD as `13.1` (from "13.1-RELEASE"), any other distribution lower-cased
 * and trimmed.
 */
export function canonicalVersion(distribution: string, version: string): string {
  const v = version.trim().toLowerCase().replace(/\s+/g, " ");
  if (distribution === "sles") {
    const m = /^(\d+)(?:\s*(?:[.\-_]|sp|[.\-_ ]sp)\s*(\d+))?$/.exec(v);
    if (m) return m[2] && m[2] !== "0" ? `${m[1]} sp${m[2]}` : m[1];
  }
  if (distribution === "freebsd") {
    // "13.1-RELEASE-p3" (uname -r) is 13.1.
    const m = /^(\d+\.\d+)(?:-[a-z0-9-]+)?$/.exec(v);
    if (m) return m[1];
  }
  if (distribution === "rhel" || distribution === "centos" || distribution === "oracle") {
    const m = /^(\d+)(?:\.(\d+))?(?:\.\d+)*$/.exec(v);
    if (m) return m[2] !== undefined ? `${m[1]}.${m[2]}` : m[1];
  }
  return v;
}

/** The guest fields the matrix looks at (canonical distribution and version). */
export interface GuestIdentity {
  readonly distribution?: string;
  readonly version?: string;
  readonly architecture: GuestArchitecture;
  /** The kernel, where the matrix splits by kernel (lower case, e.g. `uek5`, `backports`). */
  readonly kernel?: string;
}

function versionCovers(listed: string, version: string): boolean {
  return version === listed || version.startsWith(`${listed} `) || version.startsWith(`${listed}.`);
}

/** True when a selector in `selectors` names the guest. */
export function guestMatches(selectors: readonly GuestSelector[], guest: GuestIdentity): boolean {
  const { distribution, version, architecture } = guest;
  if (distribution === undefined || version === undefined) return false;
  return selectors.some(
    (s) =>
      s.distribution === distribution &&
      s.architectures.includes(architecture) &&
      (s.kernel === undefined || s.kernel === guest.kernel) &&
      s.versions.some((listed) => versionCovers(listed, version)),
  );
}

/** The statement a release makes for a readme edition (releases with a single statement ignore the edition). */
export function supportStatement(
  release: IntegrationComponentsRelease,
  edition: ReadmeEdition = DEFAULT_README_EDITION,
): SupportStatement | undefined {
  const statements = GUEST_SUPPORT[release].statements;
  if (release === "linux-ics-v2") return statements[edition];
  return Object.values(statements)[0];
}

/** True when `release`, as published in `edition`, supports the guest with synthetic devices. */
export function supportsSyntheticDevices(
  release: IntegrationComponentsRelease,
  guest: GuestIdentity,
  edition: ReadmeEdition = DEFAULT_README_EDITION,
): boolean {
  const statement = supportStatement(release, edition);
  return statement !== undefined && guestMatches(statement.guests, guest);
}

/** "SLES 10, 11; RHEL 5.2, 5.3 (x86, x64)": the guests a statement lists, for messages. */
export function describeGuests(statement: SupportStatement | undefined): string {
  if (!statement || statement.guests.length === 0) return "no guest";
  return statement.guests
    .map(
      (g) =>
        `${g.distribution.toUpperCase()} ${g.versions.join(", ").toUpperCase()}` +
        `${g.kernel !== undefined ? ` with kernel ${g.kernel}` : ""} (${g.architectures.join(", ")})`,
    )
    .join("; ");
}

/** Known behaviour of the Satori mouse driver on a guest. */
export type MouseIntegrationStatus = "works" | "fails" | "unverified";

/** How mouse integration is known to behave on a guest running `release`. */
export function mouseIntegrationStatus(
  release: IntegrationComponentsRelease,
  guest: GuestIdentity,
): MouseIntegrationStatus {
  if (guestMatches(MOUSE_INTEGRATION_KNOWN_TO_FAIL, guest)) return "fails";
  if (release === MOUSE_INTEGRATION_RELEASE && guestMatches(MOUSE_INTEGRATION_KNOWN_TO_WORK, guest)) {
    return "works";
  }
  return "unverified";
}

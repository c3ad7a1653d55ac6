/**
 * The Linux guest support matrix: which integration components release supports which guest with
 * synthetic devices, and what each release can and cannot do.
 *
 * The data lives in the model, not in the policy pack, because the model derives compliant
 * defaults from it (a guest without host time sync defaults to the Time Synchronization service
 * off, ...) and the model must not depend on the pack. `policies/matrix.ts` re-exports it, so the
 * pack and the model judge a guest from the same rows. Adding a release is adding rows here.
 */

/** Integration components installed in a guest. `none`: no synthetic device drivers at all. */
export const INTEGRATION_COMPONENTS_RELEASES = ["linux-ics-v2", "lis-2.1", "none"] as const;
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
  /** LSOv2, checksum offload, TCP Chimney, VMQ and jumbo frames. */
  readonly networkOffloads: boolean;
  /** A mouse driver shipped with the release itself. */
  readonly mouseDriver: boolean;
  /** Generation 2 VMs (UEFI, no IDE) boot with this release's kernels. */
  readonly generation2: boolean;
}

/** A set of guests named by distribution, versions and architectures. */
export interface GuestSelector {
  /** Canonical distribution id (see {@link canonicalDistribution}). */
  readonly distribution: string;
  /** Canonical versions; a listed version also covers its service packs / point releases below it. */
  readonly versions: readonly string[];
  readonly architectures: readonly GuestArchitecture[];
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
  mouseDriver: false,
  generation2: false,
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
  none: {
    displayName: "no integration components",
    // Without synthetic drivers a Linux guest is supported with emulated devices only; the
    // single-processor statement of Hyper-V 2.0 for Linux guests still applies.
    capabilities: ICS_V2_CAPABILITIES,
    statements: {},
  },
};

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
  sles: "sles",
  suse: "sles",
  "suse linux enterprise server": "sles",
  "suse linux enterprise": "sles",
  rhel: "rhel",
  redhat: "rhel",
  "red hat": "rhel",
  "red hat enterprise linux": "rhel",
};

/** Canonical distribution id: `sles`, `rhel`, or the lower-cased, trimmed name for any other one. */
export function canonicalDistribution(name: string): string {
  const key = name.trim().toLowerCase().replace(/\s+/g, " ");
  return DISTRIBUTION_ALIASES[key] ?? key;
}

/**
 * Canonical version: SLES as `10` or `10 sp3` (from "10 SP3", "10SP3", "10.3"), RHEL as `5.4`,
 * any other distribution lower-cased and trimmed.
 */
export function canonicalVersion(distribution: string, version: string): string {
  const v = version.trim().toLowerCase().replace(/\s+/g, " ");
  if (distribution === "sles") {
    const m = /^(\d+)(?:\s*(?:[.\-_]|sp|[.\-_ ]sp)\s*(\d+))?$/.exec(v);
    if (m) return m[2] && m[2] !== "0" ? `${m[1]} sp${m[2]}` : m[1];
  }
  if (distribution === "rhel") {
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
        `${g.distribution.toUpperCase()} ${g.versions.join(", ").toUpperCase()} (${g.architectures.join(", ")})`,
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

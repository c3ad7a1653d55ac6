/**
 * The support matrix of Linux and FreeBSD guests whose Hyper-V drivers are in the distribution's own
 * kernel ("built-in Linux Integration Services", FreeBSD's "BIS"), as data: one row per distribution, version (and kernel
 * where the pages split by kernel), with the feature table column of Microsoft's "Supported ...
 * virtual machines on Hyper-V" page it comes from.
 *
 * A cell is read as the page's legend says: ✔ is available, a blank is "Feature not available".
 * Where a page has no row for a feature, a row lacks a cell, or no Microsoft page documents the
 * version at all, the fact is unknown, and the rules never count an unknown as available.
 */
import type { GuestArchitecture, GuestSelector } from "./guest-support";

/** Where a fact comes from: the page, the edition read (its `ms.date`) and the section or note. */
export interface Citation {
  readonly page: string;
  readonly edition: string;
  readonly section: string;
}

/** A fact as a page states it. `unknown`: no page read says. */
export type Availability = "yes" | "no" | "unknown";

/** The rows of the feature tables, in the tables' order. */
export const IN_KERNEL_FEATURES = [
  "core",
  "accurateTime",
  "moreThan256Vcpus",
  "jumboFrames",
  "vlanTaggingAndTrunking",
  "liveMigration",
  "staticIpInjection",
  "vrss",
  "tcpSegmentationAndChecksumOffloads",
  "srIov",
  "vhdxResize",
  "virtualFibreChannel",
  "liveBackup",
  "trim",
  "scsiWwn",
  "paeKernel",
  "mmioGap",
  "memoryHotAdd",
  "memoryBallooning",
  "runtimeMemoryResize",
  "syntheticVideo",
  "keyValuePair",
  "nonMaskableInterrupt",
  "fileCopy",
  "lsvmbus",
  "hyperVSockets",
  "pciPassthrough",
  "uefiBoot",
  "secureBoot",
] as const;
export type InKernelFeature = (typeof IN_KERNEL_FEATURES)[number];

/** The table's row title of each feature, for docs and messages. */
export const FEATURE_TITLES: Readonly<Record<InKernelFeature, string>> = {
  core: "Core",
  accurateTime: "Windows Server 2016 Accurate Time",
  moreThan256Vcpus: ">256 vCPUs",
  jumboFrames: "Jumbo frames",
  vlanTaggingAndTrunking: "VLAN tagging and trunking",
  liveMigration: "Live Migration",
  staticIpInjection: "Static IP Injection",
  vrss: "vRSS",
  tcpSegmentationAndChecksumOffloads: "TCP Segmentation and Checksum Offloads",
  srIov: "SR-IOV",
  vhdxResize: "VHDX resize",
  virtualFibreChannel: "Virtual Fibre Channel",
  liveBackup: "Live virtual machine backup",
  trim: "TRIM support",
  scsiWwn: "SCSI WWN",
  paeKernel: "PAE Kernel Support",
  mmioGap: "Configuration of MMIO gap",
  memoryHotAdd: "Dynamic Memory - Hot-Add",
  memoryBallooning: "Dynamic Memory - Ballooning",
  runtimeMemoryResize: "Runtime Memory Resize",
  syntheticVideo: "Hyper-V-specific video device",
  keyValuePair: "Key-Value Pair",
  nonMaskableInterrupt: "Non-Maskable Interrupt",
  fileCopy: "File copy from host to guest",
  lsvmbus: "lsvmbus command",
  hyperVSockets: "Hyper-V Sockets",
  pciPassthrough: "PCI Passthrough/DDA",
  uefiBoot: "Boot using UEFI",
  secureBoot: "Secure boot",
};

/**
 * A feature cell. `backports`: available with the kernel from Debian backports only (the Debian
 * page's note 4, "The latest upstream kernel capabilities are only available by using the kernels
 * available in the Debian backports repository"); unknown with the stock kernel.
 */
export type FeatureCell = Availability | "backports";

/** The user-space daemons package the in-kernel services need, and which services need it. */
export interface DaemonsFact {
  /** Package name, or undefined where no page read names it. */
  readonly package?: string;
  readonly keyValuePair: boolean;
  readonly vss: boolean;
  readonly fileCopy: boolean;
  readonly source?: Citation;
}

/** One supported guest (or set of versions) and what its in-kernel drivers do on Hyper-V. */
export interface InKernelGuestRow {
  readonly distribution: string;
  /** Canonical versions (see `canonicalVersion`); a listed version covers its point releases. */
  readonly versions: readonly string[];
  /** Kernel the column is for (`rhck`, `uek4`, `uek5`), where the page splits by kernel. */
  readonly kernel?: string;
  readonly architectures: readonly GuestArchitecture[];
  /** False where no Microsoft page read documents the version: every feature is unknown. */
  readonly documented: boolean;
  /** The table column the features come from. */
  readonly source: Citation;
  readonly features: Readonly<Record<InKernelFeature, FeatureCell>>;
  /** Note numbers of the page attached to a cell. */
  readonly notes: Readonly<Partial<Record<InKernelFeature, readonly number[]>>>;
  /** The page's notes say dynamic memory works on 64-bit virtual machines only. */
  readonly dynamicMemory64BitOnly?: Citation;
  /** The page's notes ask for startup, minimum and maximum memory in multiples of 128 MB. */
  readonly memoryMultipleOf128MB?: Citation;
  readonly daemons: DaemonsFact;
  /** Whether the host's clock reaches the guest as a PTP clock (`/dev/ptp_hyperv`) chrony can read. */
  readonly ptpClock: {
    readonly value: Availability;
    readonly source?: Citation;
    /** Where the row's kernel version comes from, when the fact follows from it. */
    readonly kernelSource?: Citation;
  };
  /** The secure boot template a generation 2 guest boots with, where a page names it. */
  readonly secureBootTemplate?: {
    readonly value: "MicrosoftUEFICertificateAuthority";
    readonly source: Citation;
  };
}

/* ---------------------------------------------------------------- sources */

const RHEL_PAGE = "Supported CentOS and Red Hat Enterprise Linux virtual machines on Hyper-V";
const DEBIAN_PAGE = "Supported Debian virtual machines on Hyper-V";
const UBUNTU_PAGE = "Supported Ubuntu virtual machines on Hyper-V";
const SUSE_PAGE = "Supported SUSE virtual machines on Hyper-V";
const ORACLE_PAGE = "Supported Oracle Linux virtual machines on Hyper-V";
const FREEBSD_PAGE = "Supported FreeBSD virtual machines on Hyper-V";
const TIME_SYNC_PAGE = "Time sync for Linux VMs in Azure";
const WHATS_NEW_PAGE = "What's new in Hyper-V on Windows Server";

/*
 * Editions read (MicrosoftDocs/windowsserverdocs, WindowsServerDocs/virtualization/hyper-v/). The
 * RHEL page of 2025-06-19 no longer has the 6.x series, so 6.x comes from the 2023-09-27 edition;
 * the Debian page of 2023-09-26 has 11 and 10 only, so 9, 8 and 7 come from the 2020-04-07 edition.
 */
const RHEL_2025 = "2025-06-19";
const RHEL_2023 = "2023-09-27";
const DEBIAN_2023 = "2023-09-26";
const DEBIAN_2020 = "2020-04-07";
const UBUNTU_2020 = "2020-08-29";
const SUSE_2016 = "2016-10-03";
const ORACLE_2023 = "2023-09-27";
/** The FreeBSD page of 2023-09-27 has 13.0-13.1 to 10.4; 11.1 and 10.0-10.3 come from the 2020-04-07 edition. */
const FREEBSD_2023 = "2023-09-27";
const FREEBSD_2020 = "2020-04-07";

const cite = (page: string, edition: string, section: string): Citation => ({ page, edition, section });

/** "Linux distributions with kernel version 4.11 or later (or version 3.10.0-693 or later for RHEL/CentOS 7) support the /dev/ptp device." */
const PTP_KERNEL = cite(TIME_SYNC_PAGE, "learn.microsoft.com", "Overview (VMICTimeSync and /dev/ptp)");
/** "On Ubuntu 19.10 and later versions, Red Hat Enterprise Linux, and CentOS 8.x, chrony is configured to use a PTP source clock." */
const PTP_CHRONY = cite(TIME_SYNC_PAGE, "learn.microsoft.com", "Tools and resources: chrony");
/** "Ubuntu 14.04 and later, SUSE Linux Enterprise Server 12 and later, Red Hat Enterprise Linux 7.0 and later, and CentOS 7.0 and later are enabled for Secure Boot ... you must configure the virtual machine to use the Microsoft UEFI Certificate Authority." */
const SECURE_BOOT_CA = {
  value: "MicrosoftUEFICertificateAuthority",
  source: cite(WHATS_NEW_PAGE, "Windows Server 2016", "Linux Secure Boot (new)"),
} as const;

const NO_PTP_FACT = { value: "unknown" } as const;
const NO_DAEMONS_FACT: DaemonsFact = { keyValuePair: false, vss: false, fileCopy: false };

/* ---------------------------------------------------------------- columns */

const CELL: Readonly<Record<string, FeatureCell>> = {
  y: "yes",
  "-": "no",
  n: "no", // N/A (PAE on 64-bit-only series)
  "?": "unknown",
  b: "backports",
};

/**
 * A table column, one character per feature in {@link IN_KERNEL_FEATURES} order: `y` ✔, `-` blank
 * (not available), `n` N/A, `?` no cell, `b` ✔ with the Debian backports kernel (note 4).
 */
export function column(cells: string): Record<InKernelFeature, FeatureCell> {
  if (cells.length !== IN_KERNEL_FEATURES.length || [...cells].some((c) => !(c in CELL))) {
    throw new Error(`a feature column has ${IN_KERNEL_FEATURES.length} cells of y - n ? b: "${cells}"`);
  }
  return Object.fromEntries(IN_KERNEL_FEATURES.map((f, i) => [f, CELL[cells[i]]])) as Record<
    InKernelFeature,
    FeatureCell
  >;
}

const UNDOCUMENTED = column("?".repeat(IN_KERNEL_FEATURES.length));
const BOTH: readonly GuestArchitecture[] = ["x86", "x64"];
const X64: readonly GuestArchitecture[] = ["x64"];

/* ---------------------------------------------------------------- RHEL / CentOS */

const rhelNotes = (edition: string) => ({
  dynamicMemory64BitOnly: cite(RHEL_PAGE, edition, "Notes, note 7"),
  memoryMultipleOf128MB: cite(RHEL_PAGE, edition, "Notes, note 10"),
});

/** Note 12: "install the hypervkvpd or hyperv-daemons rpm package"; note 4: "For built-in LIS, the hyperv-daemons package must be installed for this functionality." */
const rhelDaemons = (edition: string, vss: boolean, fileCopy: boolean): DaemonsFact => ({
  package: "hyperv-daemons",
  keyValuePair: true,
  vss,
  fileCopy,
  source: cite(RHEL_PAGE, edition, vss || fileCopy ? "Notes, notes 4 and 12" : "Notes, note 12"),
});

function rhelRows(
  versions: string[],
  section: string,
  columnTitle: string,
  edition: string,
  cells: string,
  extra: Partial<InKernelGuestRow> &
    Pick<InKernelGuestRow, "notes" | "daemons" | "ptpClock" | "architectures">,
): InKernelGuestRow[] {
  return ["rhel", "centos"].map((distribution) => ({
    distribution,
    versions,
    documented: true,
    source: cite(RHEL_PAGE, edition, `${section}, column ${columnTitle} (Built in)`),
    features: column(cells),
    ...rhelNotes(edition),
    ...extra,
  }));
}

/** RHEL 8 and 9 ship chrony reading the PTP clock ("Red Hat Enterprise Linux, and CentOS 8.x"). */
const RHEL_PTP = { value: "yes", source: PTP_CHRONY } as const;
/** RHEL/CentOS 7 kernels from 3.10.0-693 have /dev/ptp; which minor release ships it, the page does not say. */
const RHEL7_PTP = { value: "unknown", source: PTP_KERNEL } as const;

const RHEL_ROWS: InKernelGuestRow[] = [
  ...rhelRows(["9"], "RHEL/CentOS 9.x Series", "9.x", RHEL_2025, "yyyyyyyyyyyyyyy-yyyyyyyyyyyyy", {
    architectures: X64,
    notes: {
      staticIpInjection: [2],
      liveBackup: [5],
      memoryHotAdd: [9, 10],
      memoryBallooning: [9, 10],
      uefiBoot: [14],
    },
    daemons: rhelDaemons(RHEL_2025, false, false),
    ptpClock: RHEL_PTP,
    secureBootTemplate: SECURE_BOOT_CA,
  }),
  ...rhelRows(
    ["8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7", "8.8", "8.9", "8.10"],
    "RHEL/CentOS 8.x Series",
    "8.1-8.6+",
    RHEL_2025,
    "yyyyyyyyyyyyyyynyyyyyyyyyyyyy",
    {
      architectures: X64,
      notes: {
        staticIpInjection: [2],
        liveBackup: [5],
        memoryHotAdd: [9, 10],
        memoryBallooning: [9, 10],
        uefiBoot: [14],
      },
      daemons: rhelDaemons(RHEL_2025, false, false),
      ptpClock: RHEL_PTP,
      secureBootTemplate: SECURE_BOOT_CA,
    },
  ),
  ...rhelRows(["8.0"], "RHEL/CentOS 8.x Series", "8.0", RHEL_2025, "yy-yyyyyyyyyyyynyyyyyyyyyyyyy", {
    architectures: X64,
    notes: {
      staticIpInjection: [2],
      liveBackup: [5],
      memoryHotAdd: [9, 10],
      memoryBallooning: [9, 10],
      uefiBoot: [14],
    },
    daemons: rhelDaemons(RHEL_2025, false, false),
    ptpClock: RHEL_PTP,
    secureBootTemplate: SECURE_BOOT_CA,
  }),
  // "This series only has 64-bit kernels." File copy has one cell too few for the seven built-in
  // columns, so it is unknown for all of them.
  ...(
    [
      [["7.6", "7.7", "7.8", "7.9"], "7.6-7.9", "yyyyyyyyyyyyyyynyyy-yyy?--yyy", [8, 9, 10]],
      [["7.5"], "7.5", "yy-yyyyyyyyyyy-nyyy-yyy?--yyy", [9, 10]],
      [["7.4"], "7.4", "yy-yyyyyyyyyyy-nyyy-yyy?--yyy", [9, 10]],
      [["7.3"], "7.3", "y--yyyyyy-yyyy-nyyy-yyy?--yyy", [9, 10]],
      [["7.2"], "7.2", "y--yyyyyy-yyyy-nyyy-yyy?---yy", [9, 10]],
      [["7.1"], "7.1", "y--yyyyyy--yy--nyyy-yyy?---yy", [9, 10]],
      [["7.0"], "7.0", "y--yyyy----yy--nyyy-yyy?---yy", [8, 9, 10]],
    ] as const
  ).flatMap(([versions, title, cells, hotAddNotes]) =>
    rhelRows([...versions], "RHEL/CentOS 7.x Series", title, RHEL_2025, cells, {
      architectures: X64,
      notes: {
        staticIpInjection: [2],
        liveBackup: [4, 5],
        memoryHotAdd: [...hotAddNotes],
        memoryBallooning: [9, 10],
        keyValuePair: [4],
        uefiBoot: [14],
      },
      // Note 8: hot-add is off until a udev rule onlines added memory.
      daemons: rhelDaemons(RHEL_2025, true, true),
      ptpClock: RHEL7_PTP,
      secureBootTemplate: SECURE_BOOT_CA,
    }),
  ),
  // "The 32-bit kernel for this series is PAE enabled. There is no built-in LIS support for
  // RHEL/CentOS 6.0-6.3." Secure boot is blank for every 6.x column.
  ...(
    [
      [["6.8", "6.9", "6.10"], "6.10, 6.9, 6.8", "y--yyyyyy-yyyy-yyyy-yyyy---y-", [7, 9, 10]],
      [["6.6", "6.7"], "6.6, 6.7", "y--yyyyyy-yyy--yyyy-yyyy-----", [7, 8, 9, 10]],
      [["6.5"], "6.5", "y--yyyy---yyy--yyyy-yyy------", [7, 8, 9, 10]],
      [["6.4"], "6.4", "y--yyyy-----y--yy-y--yy------", []],
    ] as const
  ).flatMap(([versions, title, cells, hotAddNotes]) =>
    rhelRows([...versions], "RHEL/CentOS 6.x Series", title, RHEL_2023, cells, {
      architectures: BOTH,
      notes: {
        vlanTaggingAndTrunking: [1],
        staticIpInjection: [2],
        liveBackup: [4, 5],
        memoryHotAdd: [...hotAddNotes],
        memoryBallooning: title === "6.4" ? [7, 9, 10, 11] : [7, 9, 10],
        keyValuePair: [12],
        uefiBoot: [14],
      },
      daemons: rhelDaemons(RHEL_2023, true, true),
      // RHEL 6 kernels (2.6.32) predate 4.11; the page names no backport of /dev/ptp for them.
      ptpClock: { value: "unknown", source: PTP_KERNEL },
    }),
  ),
];

/* ---------------------------------------------------------------- Oracle Linux */

/** Note 10: "install the hypervkvpd or hyperv-daemons rpm package"; note 4 for live backup on built-in RHCK. */
const oracleDaemons = (vss: boolean): DaemonsFact => ({
  package: "hyperv-daemons",
  keyValuePair: true,
  vss,
  fileCopy: false,
  source: cite(ORACLE_PAGE, ORACLE_2023, vss ? "Notes, notes 4 and 10" : "Notes, note 10"),
});

function oracleRow(
  versions: string[],
  kernel: string,
  section: string,
  columnTitle: string,
  cells: string,
  extra: Pick<InKernelGuestRow, "notes" | "daemons" | "ptpClock"> & Partial<InKernelGuestRow>,
): InKernelGuestRow {
  return {
    distribution: "oracle",
    versions,
    kernel,
    // Oracle Linux 6.x and 7.x: "This series only has 64-bit kernels"; 8.x and 9.x have no PAE kernel (N/A).
    architectures: X64,
    documented: true,
    source: cite(ORACLE_PAGE, ORACLE_2023, `${section}, column ${columnTitle}`),
    features: column(cells),
    dynamicMemory64BitOnly: cite(ORACLE_PAGE, ORACLE_2023, "Notes, note 6"),
    memoryMultipleOf128MB: cite(ORACLE_PAGE, ORACLE_2023, "Notes, note 9"),
    ...extra,
  };
}

/**
 * The kernel versions come from the page's table legend: "UEK4 - built on upstream Linux Kernel
 * release 4.1.12", "UEK5 - built on upstream Linux Kernel release 4.14".
 */
const UEK_KERNELS = cite(ORACLE_PAGE, ORACLE_2023, "Table legend (UEK4 4.1.12, UEK5 4.14)");
const uekPtp = (value: "yes" | "no") => ({ value, source: PTP_KERNEL, kernelSource: UEK_KERNELS });

const ORACLE_ROWS: InKernelGuestRow[] = [
  // The 9.x and 8.x tables leave "Availability" empty; their cells are read as for the other columns.
  oracleRow(["9"], "rhck", "Oracle Linux 9.x Series", "9.0 (RHCK)", "yy?yyyyyyyyyyyynyyyyyyyyyyyyy", {
    notes: {
      staticIpInjection: [2],
      liveBackup: [5],
      memoryHotAdd: [7, 8, 9],
      memoryBallooning: [7, 8, 9],
      uefiBoot: [12],
    },
    daemons: oracleDaemons(false),
    ptpClock: NO_PTP_FACT,
  }),
  oracleRow(
    ["8.0", "8.1", "8.2", "8.3", "8.4", "8.5"],
    "rhck",
    "Oracle Linux 8.x Series",
    "8.0-8.5 (RHCK)",
    "yy?yyyyyyyyyyyynyyyyyyyyyyyyy",
    {
      notes: {
        staticIpInjection: [2],
        liveBackup: [5],
        memoryHotAdd: [7, 8, 9],
        memoryBallooning: [7, 8, 9],
        uefiBoot: [12],
      },
      daemons: oracleDaemons(false),
      ptpClock: NO_PTP_FACT,
    },
  ),
  oracleRow(
    ["7.5", "7.6", "7.7", "7.8"],
    "rhck",
    "Oracle Linux 7.x Series",
    "7.5-7.8 RHCK (Built in)",
    "y-?yyyyyyyyyyyynyyy-yyyy--yyy",
    {
      notes: {
        staticIpInjection: [2],
        liveBackup: [4, 5],
        memoryHotAdd: [8, 9],
        memoryBallooning: [8, 9],
        uefiBoot: [12],
      },
      daemons: oracleDaemons(true),
      ptpClock: NO_PTP_FACT,
    },
  ),
  oracleRow(
    ["7.5", "7.6", "7.7", "7.8"],
    "uek5",
    "Oracle Linux 7.x Series",
    "7.5-7.8 UEK5",
    "y-?yyyyyyyyyyyynyyyyyyyyyyyyy",
    {
      notes: {
        staticIpInjection: [2],
        liveBackup: [5],
        memoryHotAdd: [8, 9],
        memoryBallooning: [8, 9],
        uefiBoot: [12],
      },
      daemons: oracleDaemons(false),
      // UEK5 is 4.14, at least the 4.11 that brings /dev/ptp.
      ptpClock: uekPtp("yes"),
    },
  ),
  oracleRow(
    ["7.3", "7.4"],
    "rhck",
    "Oracle Linux 7.x Series",
    "7.3-7.4 RHCK (Built in)",
    "y-?yyyyyyyyyyyynyyy-yyyy--yyy",
    {
      notes: {
        staticIpInjection: [2],
        liveBackup: [4, 5],
        memoryHotAdd: [8, 9],
        memoryBallooning: [8, 9],
        uefiBoot: [12],
      },
      daemons: oracleDaemons(true),
      ptpClock: NO_PTP_FACT,
    },
  ),
  oracleRow(
    ["7.3", "7.4"],
    "uek4",
    "Oracle Linux 7.x Series",
    "7.3-7.4 UEK4",
    "y-?yyyyyyyyyyy-nyyy-yyyyyyyyy",
    {
      notes: {
        staticIpInjection: [2],
        liveBackup: [5],
        memoryHotAdd: [8, 9],
        memoryBallooning: [8, 9],
        uefiBoot: [12],
      },
      daemons: oracleDaemons(false),
      // UEK4 is 4.1.12, older than the 4.11 that brings /dev/ptp.
      ptpClock: uekPtp("no"),
    },
  ),
  // The "Windows Server 2016 Accurate Time" row has a single cell for two columns: unknown.
  oracleRow(
    ["6.8", "6.9", "6.10"],
    "uek4",
    "Oracle Linux 6.x Series",
    "6.8-6.10 (UEK4)",
    "y??yyyyyy-yyyyynyyy-yyyyyyyy-",
    {
      notes: {
        vlanTaggingAndTrunking: [1],
        liveBackup: [5],
        memoryHotAdd: [6, 8, 9],
        memoryBallooning: [6, 8, 9],
        keyValuePair: [10, 11],
        uefiBoot: [12],
      },
      daemons: oracleDaemons(false),
      ptpClock: uekPtp("no"),
    },
  ),
];

/* ---------------------------------------------------------------- Debian */

/** Note 2: "Starting with Debian 8.3 the manually-installed Debian package "hyperv-daemons" contains the key-value pair, fcopy, and VSS daemons." */
const debianDaemons = (edition: string): DaemonsFact => ({
  package: "hyperv-daemons",
  keyValuePair: true,
  vss: true,
  fileCopy: true,
  source: cite(DEBIAN_PAGE, edition, "Notes, note 2"),
});

function debianRow(
  versions: string[],
  columnTitle: string,
  edition: string,
  cells: string,
): InKernelGuestRow {
  return {
    distribution: "debian",
    versions,
    architectures: BOTH,
    documented: true,
    source: cite(DEBIAN_PAGE, edition, `feature table, column ${columnTitle} (Built in)`),
    features: column(cells),
    notes: { vhdxResize: [1], liveBackup: [2], keyValuePair: [2], fileCopy: [2], uefiBoot: [3] },
    daemons: debianDaemons(edition),
    ptpClock: NO_PTP_FACT,
  };
}

const DEBIAN_ROWS: InKernelGuestRow[] = [
  debianRow(["11"], "11 (Bullseye)", DEBIAN_2023, "yb?yyy-bbby-ybbyybbbyyyy-bbyy"),
  debianRow(["10"], "10.0-10.3 (Buster)", DEBIAN_2023, "yb?yyy-bbby-ybbyybbbyyyy-bbyy"),
  debianRow(["9"], "9.0-9.12 (stretch)", DEBIAN_2020, "yb?yyy-bbby-ybbyybbbyyyy-bby-"),
  debianRow(["8"], "8.0-8.11 (jessie)", DEBIAN_2020, "y-?yyy----y-y--yy---yyyy---y-"),
  // "Built in (Note 5)": Debian 7 is out of support; its backports kernel has better Hyper-V support.
  debianRow(["7"], "7.0-7.11 (wheezy)", DEBIAN_2020, "y-?yyy----y-y--yy------------"),
];

/* ---------------------------------------------------------------- Ubuntu */

function ubuntuRow(version: string, cells: string, ptp: boolean): InKernelGuestRow {
  return {
    distribution: "ubuntu",
    versions: [version],
    architectures: BOTH,
    documented: true,
    source: cite(UBUNTU_PAGE, UBUNTU_2020, `feature table, column ${version} LTS (Built-in)`),
    features: column(cells),
    notes: {
      staticIpInjection: [1],
      virtualFibreChannel: [2],
      liveBackup: [3, 4, 5],
      memoryHotAdd: [6, 7, 8],
      memoryBallooning: [6, 7, 8],
      keyValuePair: [5, 9],
      uefiBoot: [10, 11],
    },
    dynamicMemory64BitOnly: cite(UBUNTU_PAGE, UBUNTU_2020, "Notes, note 6"),
    memoryMultipleOf128MB: cite(UBUNTU_PAGE, UBUNTU_2020, "Notes, note 8"),
    // The page names no package for the KVP daemon (note 5 only recommends the HWE kernel).
    daemons: NO_DAEMONS_FACT,
    ptpClock: ptp ? { value: "yes", source: PTP_CHRONY } : NO_PTP_FACT,
    secureBootTemplate: SECURE_BOOT_CA,
  };
}

const UBUNTU_ROWS: InKernelGuestRow[] = [
  ubuntuRow("20.04", "yy?yyyyyyyyyyyyyyyyyyyyyyyyyy", true),
  ubuntuRow("18.04", "yy?yyyyyyyyyyyyyyyyyyyyyyyyyy", false),
  ubuntuRow("16.04", "yy?yyyyyyyyyyyyyyyyyyyyyyyyyy", false),
  ubuntuRow("14.04", "y-?yyyyyy-yyyyyyyyyyyyyyyyyyy", false),
];

/* ---------------------------------------------------------------- SUSE */

function slesRow(
  versions: string[],
  columnTitle: string,
  cells: string,
  architectures = X64,
): InKernelGuestRow {
  const sles12Plus = !versions[0].startsWith("11");
  return {
    distribution: "sles",
    versions,
    // "SLES12+ is 64-bit only."
    architectures,
    documented: true,
    source: cite(SUSE_PAGE, SUSE_2016, `feature table, column ${columnTitle} (Built-in)`),
    features: column(cells),
    notes: {
      staticIpInjection: [1],
      liveBackup: [2, 3, 8],
      memoryHotAdd: sles12Plus ? [5, 6] : [4, 5, 6],
      memoryBallooning: sles12Plus ? [5, 6] : [4, 5, 6],
      ...(sles12Plus ? {} : { keyValuePair: [7] }),
      uefiBoot: [9],
    },
    dynamicMemory64BitOnly: cite(SUSE_PAGE, SUSE_2016, "Notes, note 5"),
    memoryMultipleOf128MB: cite(SUSE_PAGE, SUSE_2016, "Notes, note 6"),
    // The page names no package for the KVP daemon.
    daemons: NO_DAEMONS_FACT,
    ptpClock: NO_PTP_FACT,
    ...(sles12Plus && { secureBootTemplate: SECURE_BOOT_CA }),
  };
}

const SLES_ROWS: InKernelGuestRow[] = [
  slesRow(["15"], "SLES 15", "yy?yyyyyyyyyyyynyyyyyyyyyyyyy"),
  slesRow(["12 sp3", "12 sp4"], "SLES 12 SP3/SP4", "yy?yyyyyyyyyyyynyyyyyyyyyyyyy"),
  slesRow(["12 sp2"], "SLES 12 SP2", "yy?yyyyyyyyyyyynyyyyyyyyy-yyy"),
  slesRow(["12 sp1"], "SLES 12 SP1", "y-?yyyyyy-yyyy-nyyy-yyyy--yyy"),
  slesRow(["11 sp4"], "SLES 11 SP4", "y-?yyyy-y-yyyy-yyyy-yyyy---y-", BOTH),
  slesRow(["11 sp3"], "SLES 11 SP3", "y-?yyyy---yyy--yyyy-yyy------", BOTH),
];

/* ---------------------------------------------------------------- FreeBSD */

/**
 * FreeBSD's drivers are the BIS (FreeBSD Integration Services), "included as part of this FreeBSD
 * release" ("Built in"). The page has no ">256 vCPUs" row, names no package for the KVP daemon, and
 * says nothing of PTP or of a secure boot template (its Secure boot row is blank in every column).
 */
function freebsdRow(
  versions: string[],
  columnTitle: string,
  edition: string,
  cells: string,
  notes: InKernelGuestRow["notes"] = {},
): InKernelGuestRow {
  return {
    distribution: "freebsd",
    versions,
    architectures: BOTH,
    documented: true,
    source: cite(FREEBSD_PAGE, edition, `feature table, column ${columnTitle} (Built in)`),
    features: column(cells),
    notes: { jumboFrames: [3], staticIpInjection: [4], ...notes },
    daemons: NO_DAEMONS_FACT,
    ptpClock: NO_PTP_FACT,
  };
}

/** Note 6: VHDX online resize on 11.0 needs "gpart recover" after the host resizes the disk. */
const FREEBSD_VHDX_NOTE = { vhdxResize: [6] };

const FREEBSD_ROWS: InKernelGuestRow[] = [
  freebsdRow(["13.0", "13.1"], "13.0-13.1", FREEBSD_2023, "yy?yyyyyyyy-yy--y----yy---yy-", FREEBSD_VHDX_NOTE),
  freebsdRow(
    ["12.0", "12.1", "12.2", "12.3"],
    "12.0-12.3",
    FREEBSD_2023,
    "yy?yyyyyyyy-yy--y----yy---yy-",
    FREEBSD_VHDX_NOTE,
  ),
  freebsdRow(
    ["11.2", "11.3", "11.4"],
    "11.2-11.4",
    FREEBSD_2023,
    "yy?yyyyyyyy-yy--y----yy---yy-",
    FREEBSD_VHDX_NOTE,
  ),
  freebsdRow(["11.1"], "11.1-11.3", FREEBSD_2020, "yy?yyyyyy-y-yy--y----yy---yy-", FREEBSD_VHDX_NOTE),
  freebsdRow(["11.0"], "11.0", FREEBSD_2020, "y-?yyyyyy-y-----y----yy------", FREEBSD_VHDX_NOTE),
  freebsdRow(["10.4"], "10.4", FREEBSD_2023, "y-?yyyyyyyy-----y----yy------", FREEBSD_VHDX_NOTE),
  freebsdRow(["10.3"], "10.3", FREEBSD_2020, "y-?yyyy-y-------y----yy------"),
  freebsdRow(["10.2"], "10.2", FREEBSD_2020, "y-?yyyy-y-------y----yy------"),
  // Note 5: "KVP is provided by ports on FreeBSD 10.0."
  freebsdRow(["10.0", "10.1"], "10.0 - 10.1", FREEBSD_2020, "y-?yyyy---------y----yy------", {
    keyValuePair: [5],
  }),
];

/* ---------------------------------------------------------------- undocumented */

/** Versions no Microsoft page read lists: their rows exist so that the matrix says so. */
function undocumentedRow(
  distribution: string,
  version: string,
  page: string,
  edition: string,
): InKernelGuestRow {
  return {
    distribution,
    versions: [version],
    architectures: BOTH,
    documented: false,
    source: cite(page, edition, `not listed (the newest edition read lists no ${version})`),
    features: UNDOCUMENTED,
    notes: {},
    daemons: NO_DAEMONS_FACT,
    ptpClock: NO_PTP_FACT,
  };
}

const UNDOCUMENTED_ROWS: InKernelGuestRow[] = [
  undocumentedRow("debian", "12", DEBIAN_PAGE, DEBIAN_2023),
  undocumentedRow("ubuntu", "22.04", UBUNTU_PAGE, UBUNTU_2020),
  undocumentedRow("ubuntu", "24.04", UBUNTU_PAGE, UBUNTU_2020),
];

/** Every row of the in-kernel matrix. */
export const IN_KERNEL_GUESTS: readonly InKernelGuestRow[] = [
  ...RHEL_ROWS,
  ...ORACLE_ROWS,
  ...DEBIAN_ROWS,
  ...UBUNTU_ROWS,
  ...SLES_ROWS,
  ...FREEBSD_ROWS,
  ...UNDOCUMENTED_ROWS,
];

/** The selector of a row, for `guestMatches` and `describeGuests`. */
export function rowSelector(row: InKernelGuestRow): GuestSelector {
  return {
    distribution: row.distribution,
    versions: row.versions,
    architectures: row.architectures,
    ...(row.kernel !== undefined && { kernel: row.kernel }),
  };
}

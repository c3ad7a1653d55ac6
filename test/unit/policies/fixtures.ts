/**
 * VM inputs for the policy tests, turned into specs by the real model (the shape the provider's
 * `check()` returns and the policy host receives).
 */
import { parseVirtualMachine, type VirtualMachineSpec } from "../../../provider/model";
import {
  INTEGRATION_COMPONENTS_RELEASES,
  README_EDITIONS,
  supportStatement,
  supportsSyntheticDevices,
} from "../../../policies/matrix";

export const RELEASES = INTEGRATION_COMPONENTS_RELEASES;
export const EDITIONS = README_EDITIONS;
export type Release = (typeof RELEASES)[number];

/** Raw VM inputs as a program writes them. */
export type VmInput = Record<string, unknown> & { guest: Record<string, unknown> };

const SLES_11 = { distribution: "sles", version: "11", architecture: "x64" } as const;

/**
 * A guest `release` supports with synthetic devices in every readme edition: SLES 11 x64 (listed by
 * every ICs v2 readme edition and by LIS 2.1), else the newest version of the release's first listed
 * distribution (RHEL 6.3 for LIS 3.x); SLES 11 for `none`, which supports no guest.
 */
export function supportedGuest(release: Release): {
  distribution: string;
  version: string;
  architecture: "x64";
} {
  const first = supportStatement(release)?.guests[0];
  if (!first || supportsSyntheticDevices(release, SLES_11)) return { ...SLES_11 };
  return {
    distribution: first.distribution,
    version: first.versions[first.versions.length - 1],
    architecture: "x64",
  };
}

/** A guest to judge: a release and the guest's identity (with its kernel where the matrix splits by kernel). */
export interface Subject {
  release: Release;
  guest: { distribution: string; version: string; architecture: "x86" | "x64"; kernel?: string };
}

/** A release (judged with its {@link supportedGuest}) or a subject. */
export type Target = Release | Subject;

/** The subject a target names. */
export function subjectOf(target: Target): Subject {
  return typeof target === "string" ? { release: target, guest: supportedGuest(target) } : target;
}

/**
 * A compliant Linux VM for `target`: a guest the release supports ({@link supportedGuest}), model
 * defaults for everything guest-dependent, two NTP servers, the boot disk on IDE; an in-kernel
 * guest has its distribution's Hyper-V daemons installed.
 */
export function compliantLinuxInput(target: Target): VmInput {
  const { release, guest } = subjectOf(target);
  return {
    vmName: "web01",
    memoryStartupMB: 1024,
    guest: {
      family: guest.distribution === "freebsd" ? "freebsd" : "linux",
      ...guest,
      integrationComponents: release,
      ...(release === "in-kernel" && { hypervDaemons: true }),
    },
    networkAdapters: [{ name: "eth0", switchName: "external" }],
    hardDisks: [
      {
        path: "C:\\Hyper-V\\web01\\root.vhd",
        controllerType: "IDE",
        controllerNumber: 0,
        controllerLocation: 0,
      },
    ],
    dvdDrives: [{ controllerNumber: 1, controllerLocation: 0 }],
    timeSync: { ntpServers: ["ntp1.example.com", "ntp2.example.com"] },
  };
}

/** The same VM with a Windows guest. */
export function windowsInput(): VmInput {
  return { ...compliantLinuxInput("none"), guest: { family: "windows", architecture: "x64" } };
}

/** Parses inputs with the model; a failure is a broken fixture. */
export function specOf(input: unknown): VirtualMachineSpec {
  const parsed = parseVirtualMachine(input);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.failures)}`);
  return parsed.spec;
}

/** A deep copy of `input` with `change` applied to it. */
export function withChange(input: VmInput, change: (vm: VmInput) => void): VmInput {
  const copy = structuredClone(input);
  change(copy);
  return copy;
}

/**
 * VM inputs for the policy tests, turned into specs by the real model (the shape the provider's
 * `check()` returns and the policy host receives).
 */
import { parseVirtualMachine, type VirtualMachineSpec } from "../../../provider/model";
import { INTEGRATION_COMPONENTS_RELEASES, README_EDITIONS } from "../../../policies/matrix";

export const RELEASES = INTEGRATION_COMPONENTS_RELEASES;
export const EDITIONS = README_EDITIONS;
export type Release = (typeof RELEASES)[number];

/** Raw VM inputs as a program writes them. */
export type VmInput = Record<string, unknown> & { guest: Record<string, unknown> };

/**
 * A compliant Linux VM for `release`: SLES 11 x64 (listed by every ICs v2 readme edition and by
 * LIS 2.1), model defaults for everything guest-dependent, two NTP servers, the boot disk on IDE.
 */
export function compliantLinuxInput(release: Release): VmInput {
  return {
    vmName: "web01",
    memoryStartupMB: 1024,
    guest: {
      family: "linux",
      distribution: "sles",
      version: "11",
      architecture: "x64",
      integrationComponents: release,
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

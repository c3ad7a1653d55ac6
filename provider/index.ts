/**
 * The public API of pulumi-hyperv.
 *
 * - The VM model shared by the provider and the policy pack: {@link parseVirtualMachine}, the schema
 *   and the {@link VirtualMachineSpec} it produces.
 * - The PowerShell runtime every Hyper-V call goes through: {@link createPool} and the typed errors.
 * - The Pulumi resources: {@link VirtualMachine}, {@link VirtualHardDisk}, {@link VirtualSwitch}.
 * - Components built from the support matrix: {@link LinuxIcsGuest} (and {@link layOutLinuxIcsGuest}).
 * - The guest-side ntpd configuration renderer: {@link renderNtpConf}.
 * - A program's own stack config, validated with zod: {@link readStackConfig}.
 */
export * from "./model";
export * from "./powershell";
export * from "./resources";
export * from "./components";
export { renderNtpConf } from "./guest/ntp-conf";
export {
  parseStackConfig,
  readStackConfig,
  StackConfigError,
  type StackConfigFailure,
} from "./program/stack-config";

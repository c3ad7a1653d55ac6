/**
 * The public API of pulumi-hyperv.
 *
 * - The VM model shared by the provider and the policy pack: {@link parseVirtualMachine}, the schema
 *   and the {@link VirtualMachineSpec} it produces.
 * - The PowerShell runtime every Hyper-V call goes through: {@link createPool} and the typed errors.
 */
export * from "./model";
export * from "./powershell";

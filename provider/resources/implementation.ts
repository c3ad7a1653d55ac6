/**
 * The providers' implementation, loaded by the serialized shims ({@link lazyProvider}) inside each
 * provider method. This module's exports are a contract between package versions: a resource created
 * by an older version is read and deleted by whatever version is installed, through
 * `resourceProviders[<type name>]` and `configure(read)`. Keep both; add, never rename.
 */
import type * as pulumi from "@pulumi/pulumi";
import { configureHostPools } from "./host-pools";
import type { ConfigReader } from "./provider-settings";
import { virtualHardDiskImplementation } from "./virtual-hard-disk-implementation";
import { virtualMachineImplementation } from "./virtual-machine-implementation";
import { virtualSwitchImplementation } from "./virtual-switch-implementation";

/** Version of the shim <-> implementation contract. */
export const IMPLEMENTATION_CONTRACT = 1;

/** The resource providers by resource type name. */
export const resourceProviders: Record<string, pulumi.dynamic.ResourceProvider> = {
  VirtualMachine: virtualMachineImplementation,
  VirtualHardDisk: virtualHardDiskImplementation,
  VirtualSwitch: virtualSwitchImplementation,
};

/**
 * Applies the stack config (`hyperv:*` keys) to this provider process. `keys`, every key of the stack
 * config (shims of older versions send none), lets it refuse unknown `hyperv:` keys.
 */
export function configure(read: ConfigReader, keys?: readonly string[]): void {
  configureHostPools(read, keys);
}

export { powerShellCalls, closeHostPools } from "./host-pools";

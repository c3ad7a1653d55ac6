/** The Pulumi dynamic resources: VirtualMachine, VirtualHardDisk, VirtualSwitch. */
export * from "./virtual-machine";
export * from "./virtual-hard-disk";
export * from "./virtual-switch";
export { IMPLEMENTATION_SPECIFIER, lazyProvider, type ResourceTypeName } from "./lazy-provider";
export {
  SETTING_KEYS,
  readProviderSettings,
  poolOptionsFor,
  type ProviderSettings,
} from "./provider-settings";

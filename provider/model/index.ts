/**
 * The resource models shared by the provider and the policy pack: zod schemas, defaults,
 * normalization, and the guest support matrix they are derived from. Pure: no Pulumi, no I/O.
 */
export * from "./guest-support";
export * from "./integration-services";
export * from "./unknown";
export * from "./virtual-machine-spec";
export { virtualMachineSchema, virtualMachineInputShape, type VirtualMachineInput } from "./virtual-machine";
export {
  parseVirtualMachine,
  toCheckFailures,
  propertyPath,
  type CheckFailure,
  type ParseOptions,
  type ParseResult,
} from "./parse";
export * from "./virtual-hard-disk";
export * from "./virtual-switch";
export { vmIdSchema } from "./fields";
export type { InputKeys } from "./parse";
export * from "./simulator-host";
export * from "./nearest-name";
export * from "./windows-path";

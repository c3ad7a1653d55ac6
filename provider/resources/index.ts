/** The Pulumi dynamic resources: VirtualMachine, VirtualHardDisk, VirtualSwitch. */
export * from "./virtual-machine";
export * from "./virtual-hard-disk";
export * from "./virtual-switch";

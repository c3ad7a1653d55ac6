/**
 * `LinuxIcsGuest`: a Linux guest (its boot disk and its VM) that the policy pack cannot refuse: every
 * guest-dependent choice comes from the support matrix through {@link layOutLinuxIcsGuest}.
 */
import * as pulumi from "@pulumi/pulumi";
import { VirtualHardDisk } from "../resources/virtual-hard-disk";
import { VirtualMachine } from "../resources/virtual-machine";
import type { LinuxIcsGuestLayoutArgs } from "./linux-ics-guest-args";
import { layOutLinuxIcsGuest, type Adjustment } from "./linux-ics-guest-layout";

/**
 * The arguments of a {@link LinuxIcsGuest}. The guest's identity, sizing and time sources are plain
 * values (the plan, and so what the policy pack sees at preview, depends on them); the switch may be
 * another resource's output.
 */
export interface LinuxIcsGuestArgs extends Omit<LinuxIcsGuestLayoutArgs, "vmName" | "switchName"> {
  /** Hyper-V VM name. Default: the resource name. */
  vmName?: string;
  /** Virtual switch of the guest's network adapter, e.g. a `VirtualSwitch`'s `switchName`. */
  switchName?: pulumi.Input<string>;
}

/** The type token of the component. */
export const LINUX_ICS_GUEST_TYPE = "hyperv:components:LinuxIcsGuest";

/**
 * A Linux guest on Hyper-V built to what its integration components support: synthetic devices
 * where the release supports the guest (emulated ones elsewhere, or where `emulatedDevices` asks), the release's processor limit,
 * static memory where it has no dynamic memory, its integration services, a stop action it can
 * honour, and NTP where the host does not keep its time. Wishes the release cannot grant are
 * lowered, each reported as a warning (and in `adjustments`).
 *
 * @example
 * const web = new LinuxIcsGuest("web01", {
 *   distribution: "sles", version: "11", memoryMB: 1024, diskSizeGB: 20,
 *   switchName: lan.switchName, ntpServers: ["ntp1.example.com", "ntp2.example.com"],
 * });
 */
export class LinuxIcsGuest extends pulumi.ComponentResource {
  /** The guest's boot disk. */
  readonly disk: VirtualHardDisk;
  /** The guest's VM. */
  readonly vm: VirtualMachine;
  /** The VM's GUID. */
  readonly vmId: pulumi.Output<string>;
  /** True when the guest got synthetic devices; false: emulated devices only. */
  readonly synthetic: boolean;
  /** The wishes the release could not grant, and what the guest got instead. */
  readonly adjustments: readonly Adjustment[];

  constructor(name: string, args: LinuxIcsGuestArgs, opts?: pulumi.ComponentResourceOptions) {
    super(LINUX_ICS_GUEST_TYPE, name, {}, opts);
    const { switchName, ...rest } = args;
    const plan = layOutLinuxIcsGuest({
      ...rest,
      vmName: args.vmName ?? name,
      // A plain switch name is validated with the rest; an output is checked by the VM itself.
      ...(typeof switchName === "string" && { switchName }),
    });
    this.synthetic = plan.synthetic;
    this.adjustments = plan.adjustments;
    for (const a of plan.adjustments) pulumi.log.warn(`${a.property}: ${a.reason}`, this);

    this.disk = new VirtualHardDisk(`${name}-disk`, plan.disk, { parent: this });
    const [nic] = plan.vm.networkAdapters;
    this.vm = new VirtualMachine(
      name,
      {
        ...plan.vm,
        networkAdapters: [{ ...nic, ...(switchName !== undefined && { switchName }) }],
        // The disk's output path makes the VM wait for the disk.
        hardDisks: plan.vm.hardDisks.map((d) => ({ ...d, path: this.disk.path })),
      },
      { parent: this },
    );
    this.vmId = this.vm.vmId;
    this.registerOutputs({ vmId: this.vmId, synthetic: this.synthetic, adjustments: this.adjustments });
  }
}

/** The VirtualSwitch resource: a Private, Internal or External Hyper-V virtual switch. */
import * as pulumi from "@pulumi/pulumi";
import { VIRTUAL_SWITCH_TYPE } from "../model";
import { lazyProvider } from "./lazy-provider";
import { outputKeys, unsetOutputs } from "./output-keys";

/** The inputs of a {@link VirtualSwitch}. Changing any of them replaces the switch. */
export interface VirtualSwitchArgs {
  /** Hyper-V switch name. Default: the resource name. */
  switchName?: pulumi.Input<string>;
  /** `Private`, `Internal` or `External`. Default `Private`. */
  type?: pulumi.Input<string>;
  /** External switches: the host's network adapter to bind (e.g. `Ethernet`). */
  netAdapterName?: pulumi.Input<string>;
  /** External switches: the host keeps using the adapter. Default true. */
  allowManagementOs?: pulumi.Input<boolean>;
  /** Notes stored with the switch. Default "". */
  notes?: pulumi.Input<string>;
  /** Host: `simulator`, `simulator://NAME` (a simulated host of its own), `local`, `ssh://user@host`, `winrm://host`. Default: stack config `hyperv:host`. Changing it replaces the switch. */
  host?: pulumi.Input<string>;
}

/**
 * A Hyper-V virtual switch; its id is the switch's GUID.
 *
 * @example
 * const lan = new VirtualSwitch("lan", { type: "Internal" });
 */
export class VirtualSwitch extends pulumi.dynamic.Resource {
  /** The Pulumi type token. */
  static readonly __pulumiType = VIRTUAL_SWITCH_TYPE;

  /** The switch's GUID; also the resource id. */
  declare readonly switchId: pulumi.Output<string>;
  /** The switch name as reported. */
  declare readonly switchName: pulumi.Output<string>;
  /** The switch type as reported. */
  declare readonly type: pulumi.Output<string>;
  /** The bound host adapter (External switches). */
  declare readonly netAdapterName: pulumi.Output<string | undefined>;
  /** Whether the host shares the adapter, as reported (External switches). */
  declare readonly allowManagementOs: pulumi.Output<boolean | undefined>;
  /** Notes as reported. */
  declare readonly notes: pulumi.Output<string>;
  /** The host it is on: its `host` input, else the `hyperv:host` it was created with (read and delete go there). */
  declare readonly host: pulumi.Output<string>;

  constructor(name: string, args: VirtualSwitchArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      lazyProvider("VirtualSwitch"),
      name,
      { ...unsetOutputs(OUTPUT_KEYS), ...args, switchName: args.switchName ?? name },
      opts,
      "hyperv",
      "VirtualSwitch",
    );
  }
}

const OUTPUT_KEYS = outputKeys<VirtualSwitch>()([
  "switchId",
  "switchName",
  "type",
  "netAdapterName",
  "allowManagementOs",
  "notes",
  "host",
]);

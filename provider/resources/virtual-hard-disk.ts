/** The VirtualHardDisk resource: a `.vhdx` or `.vhd` file on the host. */
import * as pulumi from "@pulumi/pulumi";
import { VIRTUAL_HARD_DISK_TYPE } from "../model";
import { lazyProvider } from "./lazy-provider";
import { outputKeys, unsetOutputs } from "./output-keys";

/** The inputs of a {@link VirtualHardDisk}. */
export interface VirtualHardDiskArgs {
  /** Absolute Windows path of the file on the host (`.vhdx` or `.vhd`); also the resource id. Changing it replaces the disk. */
  path: pulumi.Input<string>;
  /** `Dynamic`, `Fixed` or `Differencing`. Default `Dynamic` (`Differencing` with `parentPath`). Changing it replaces the disk. */
  type?: pulumi.Input<string>;
  /** Size in bytes (whole sectors); required unless Differencing. A larger size grows the disk; a smaller one is refused. */
  sizeBytes?: pulumi.Input<number>;
  /** Size in GB (2^30 bytes), instead of `sizeBytes`. */
  sizeGB?: pulumi.Input<number>;
  /** Parent disk of a Differencing disk. Changing it replaces the disk. */
  parentPath?: pulumi.Input<string>;
  /** Host: `simulator`, `simulator://NAME` (a simulated host of its own), `local`, `ssh://user@host`, `winrm://host`. Default: stack config `hyperv:host`. Changing it replaces the disk. */
  host?: pulumi.Input<string>;
}

/**
 * A virtual hard disk file. Deleting the resource deletes the file; VMs attach it by `path`.
 *
 * @example
 * const disk = new VirtualHardDisk("web-os", { path: "C:\\VMs\\web-os.vhdx", sizeGB: 40 });
 */
export class VirtualHardDisk extends pulumi.dynamic.Resource {
  /** The Pulumi type token. */
  static readonly __pulumiType = VIRTUAL_HARD_DISK_TYPE;

  /** The file's path. */
  declare readonly path: pulumi.Output<string>;
  /** The disk type as reported. */
  declare readonly type: pulumi.Output<string>;
  /** The disk's size in bytes as reported. */
  declare readonly sizeBytes: pulumi.Output<number>;
  /** The size in GB, when given. */
  declare readonly sizeGB: pulumi.Output<number | undefined>;
  /** The parent disk as reported (Differencing disks). */
  declare readonly parentPath: pulumi.Output<string | undefined>;
  /** The host it is on: its `host` input, else the `hyperv:host` it was created with (read and delete go there). */
  declare readonly host: pulumi.Output<string>;
  /** `VHDX` or `VHD`. */
  declare readonly vhdFormat: pulumi.Output<string>;
  /** The file's current size on the host in bytes. */
  declare readonly fileSizeBytes: pulumi.Output<number>;

  constructor(name: string, args: VirtualHardDiskArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      lazyProvider("VirtualHardDisk"),
      name,
      { ...unsetOutputs(OUTPUT_KEYS), ...args },
      opts,
      "hyperv",
      "VirtualHardDisk",
    );
  }
}

const OUTPUT_KEYS = outputKeys<VirtualHardDisk>()([
  "path",
  "type",
  "sizeBytes",
  "sizeGB",
  "parentPath",
  "host",
  "vhdFormat",
  "fileSizeBytes",
]);

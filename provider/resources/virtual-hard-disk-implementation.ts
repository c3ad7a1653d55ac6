/** The VirtualHardDisk provider's implementation: pure check and diff, one PowerShell call per operation. */
import type * as pulumi from "@pulumi/pulumi";
import { parseVirtualHardDisk, type VirtualHardDiskSpec } from "../model";
import { diffVirtualHardDisk } from "../plan/vhd-diff";
import { resolveHost } from "./host-pools";
import { pooledRunner, type HostRunner } from "./host-runner";
import { checkWith, diffWith, readOrGone, specParser } from "./provider-steps";

type Props = Record<string, unknown>;

/** A disk as Get-VHD reports it. */
interface VhdReport {
  path: string;
  type: VirtualHardDiskSpec["type"];
  vhdFormat: string;
  sizeBytes: number;
  fileSizeBytes: number;
  parentPath: string | null;
}

/** The outputs of a disk: every input, the reported size and type, and the file's format and size. */
export type VhdOutputs = VirtualHardDiskSpec & {
  vhdFormat: string;
  fileSizeBytes: number;
  sizeBytes: number;
};

const specOf = specParser("VirtualHardDisk", (inputs) => parseVirtualHardDisk(inputs));

function outputs(base: VirtualHardDiskSpec, report: VhdReport): VhdOutputs {
  return {
    ...base,
    type: report.type,
    sizeBytes: report.sizeBytes,
    ...(report.parentPath !== null && { parentPath: report.parentPath }),
    vhdFormat: report.vhdFormat,
    fileSizeBytes: report.fileSizeBytes,
  };
}

/** The VirtualHardDisk resource provider running its scripts through `runner`. */
export function virtualHardDiskImplementationWith(runner: HostRunner): pulumi.dynamic.ResourceProvider {
  return {
    // The previous inputs let check refuse a shrink.
    check: checkWith((news, olds) => parseVirtualHardDisk(news, olds as Partial<VirtualHardDiskSpec>)),

    diff: diffWith(diffVirtualHardDisk),

    async create(inputs: Props) {
      const spec = specOf(inputs);
      const report = await runner.invoke<VhdReport>(
        resolveHost(spec.host),
        "vhd-create",
        {
          path: spec.path,
          type: spec.type,
          sizeBytes: spec.sizeBytes ?? null,
          parentPath: spec.parentPath ?? null,
        },
        "write",
      );
      return { id: spec.path, outs: outputs(spec, report) };
    },

    async read(id: string, props: Props) {
      const previous = props as unknown as VhdOutputs;
      return readOrGone(id, async () => {
        const report = await runner.invoke<VhdReport>(
          resolveHost(previous.host),
          "vhd-read",
          { path: previous.path ?? id },
          "read",
        );
        // An imported disk's state has no path yet: it is the one the host reports.
        return outputs({ ...previous, path: previous.path ?? report.path }, report);
      });
    },

    async update(_id: string, _olds: Props, news: Props) {
      const spec = specOf(news);
      const report = await runner.invoke<VhdReport>(
        resolveHost(spec.host),
        "vhd-update",
        { path: spec.path, sizeBytes: spec.sizeBytes ?? null },
        "write",
      );
      return { outs: outputs(spec, report) };
    },

    async delete(id: string, props: Props) {
      const previous = props as unknown as VhdOutputs;
      await runner.invoke(resolveHost(previous.host), "vhd-delete", { path: previous.path ?? id }, "write");
    },
  };
}

/** The VirtualHardDisk resource provider (loaded lazily by the serialized shim). */
export const virtualHardDiskImplementation = virtualHardDiskImplementationWith(pooledRunner);

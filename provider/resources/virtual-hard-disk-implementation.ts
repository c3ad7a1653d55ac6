/** The VirtualHardDisk provider's implementation: pure check and diff, one PowerShell call per operation. */
import type * as pulumi from "@pulumi/pulumi";
import { parseVirtualHardDisk, type VirtualHardDiskSpec } from "../model";
import { diffVirtualHardDisk } from "../plan/vhd-diff";
import { NotFoundError } from "../powershell";
import { invoke, resolveHost } from "./host-pools";
import { invalidInputsError } from "./provider-errors";

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

function specOf(inputs: Props): VirtualHardDiskSpec {
  const parsed = parseVirtualHardDisk(inputs);
  if (!parsed.ok) throw invalidInputsError("VirtualHardDisk", parsed.failures);
  return parsed.spec;
}

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

/** The VirtualHardDisk resource provider (loaded lazily by the serialized shim). */
export const virtualHardDiskImplementation: pulumi.dynamic.ResourceProvider = {
  async check(olds: Props, news: Props) {
    const parsed = parseVirtualHardDisk(news, olds as Partial<VirtualHardDiskSpec>);
    return parsed.ok ? { inputs: { ...parsed.spec } } : { inputs: news, failures: parsed.failures };
  },

  async diff(_id: string, olds: Props, news: Props) {
    const diff = diffVirtualHardDisk(olds, news);
    return {
      changes: diff.changedKeys.length > 0,
      replaces: diff.replaces,
      deleteBeforeReplace: diff.deleteBeforeReplace,
    };
  },

  async create(inputs: Props) {
    const spec = specOf(inputs);
    const report = await invoke<VhdReport>(
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
    try {
      const report = await invoke<VhdReport>(
        resolveHost(previous.host),
        "vhd-read",
        { path: previous.path ?? id },
        "read",
      );
      return { id, props: outputs(previous, report) };
    } catch (error) {
      if (error instanceof NotFoundError) return { id: "", props: {} };
      throw error;
    }
  },

  async update(_id: string, _olds: Props, news: Props) {
    const spec = specOf(news);
    const report = await invoke<VhdReport>(
      resolveHost(spec.host),
      "vhd-update",
      { path: spec.path, sizeBytes: spec.sizeBytes ?? null },
      "write",
    );
    return { outs: outputs(spec, report) };
  },

  async delete(id: string, props: Props) {
    const previous = props as unknown as VhdOutputs;
    await invoke(resolveHost(previous.host), "vhd-delete", { path: previous.path ?? id }, "write");
  },
};

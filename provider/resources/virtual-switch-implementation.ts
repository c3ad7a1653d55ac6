/** The VirtualSwitch provider's implementation: pure check and diff, one PowerShell call per operation. */
import type * as pulumi from "@pulumi/pulumi";
import { parseVirtualSwitch, type VirtualSwitchSpec } from "../model";
import { diffVirtualSwitch } from "../plan/switch-diff";
import { NotFoundError } from "../powershell";
import { invoke, resolveHost } from "./host-pools";
import { invalidInputsError } from "./provider-errors";

type Props = Record<string, unknown>;

/** A switch as Get-VMSwitch reports it. */
interface SwitchReport {
  switchId: string;
  switchName: string;
  type: VirtualSwitchSpec["type"];
  allowManagementOs: boolean;
  notes: string;
}

/** The outputs of a switch: every input, as reported, plus its id. */
export type SwitchOutputs = VirtualSwitchSpec & { switchId: string };

function specOf(inputs: Props): VirtualSwitchSpec {
  const parsed = parseVirtualSwitch(inputs);
  if (!parsed.ok) throw invalidInputsError("VirtualSwitch", parsed.failures);
  return parsed.spec;
}

function outputs(base: VirtualSwitchSpec, report: SwitchReport): SwitchOutputs {
  return {
    ...base,
    switchId: report.switchId,
    switchName: report.switchName,
    type: report.type,
    notes: report.notes,
    ...(report.type === "External" && { allowManagementOs: report.allowManagementOs }),
  };
}

async function readSwitch(id: string, previous: SwitchOutputs) {
  try {
    const report = await invoke<SwitchReport>(
      resolveHost(previous.host),
      "switch-read",
      { switchId: id },
      "read",
    );
    return { id, props: outputs(previous, report) };
  } catch (error) {
    if (error instanceof NotFoundError) return { id: "", props: {} };
    throw error;
  }
}

/** The VirtualSwitch resource provider (loaded lazily by the serialized shim). */
export const virtualSwitchImplementation: pulumi.dynamic.ResourceProvider = {
  async check(_olds: Props, news: Props) {
    const parsed = parseVirtualSwitch(news);
    return parsed.ok ? { inputs: { ...parsed.spec } } : { inputs: news, failures: parsed.failures };
  },

  async diff(_id: string, olds: Props, news: Props) {
    const diff = diffVirtualSwitch(olds, news);
    return {
      changes: diff.changedKeys.length > 0,
      replaces: diff.replaces,
      deleteBeforeReplace: diff.deleteBeforeReplace,
    };
  },

  async create(inputs: Props) {
    const spec = specOf(inputs);
    const report = await invoke<SwitchReport>(
      resolveHost(spec.host),
      "switch-create",
      {
        switchName: spec.switchName,
        type: spec.type,
        netAdapterName: spec.netAdapterName ?? null,
        allowManagementOs: spec.allowManagementOs ?? true,
        notes: spec.notes,
      },
      "write",
    );
    return { id: report.switchId, outs: outputs(spec, report) };
  },

  read: (id: string, props: Props) => readSwitch(id, props as unknown as SwitchOutputs),

  // Every input replaces the switch, so an update only refreshes what the host reports.
  async update(id: string, _olds: Props, news: Props) {
    const { props } = await readSwitch(id, { ...specOf(news), switchId: id });
    return { outs: props };
  },

  async delete(id: string, props: Props) {
    await invoke(resolveHost((props as { host?: string }).host), "switch-delete", { switchId: id }, "write");
  },
};

/** The VirtualSwitch provider's implementation: pure check and diff, one PowerShell call per operation. */
import type * as pulumi from "@pulumi/pulumi";
import { parseVirtualSwitch, type VirtualSwitchSpec } from "../model";
import { diffVirtualSwitch } from "../plan/switch-diff";
import { resolveHost } from "./host-pools";
import { pooledRunner, type HostRunner } from "./host-runner";
import { checkWith, diffWith, readOrGone, specParser } from "./provider-steps";

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

const specOf = specParser("VirtualSwitch", (inputs) => parseVirtualSwitch(inputs));

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

function readSwitch(runner: HostRunner, id: string, previous: SwitchOutputs) {
  return readOrGone(id, async () => {
    const report = await runner.invoke<SwitchReport>(
      resolveHost(previous.host),
      "switch-read",
      { switchId: id },
      "read",
    );
    return outputs(previous, report);
  });
}

/** The VirtualSwitch resource provider running its scripts through `runner`. */
export function virtualSwitchImplementationWith(runner: HostRunner): pulumi.dynamic.ResourceProvider {
  return {
    check: checkWith((news) => parseVirtualSwitch(news)),

    diff: diffWith(diffVirtualSwitch),

    async create(inputs: Props) {
      const spec = specOf(inputs);
      const report = await runner.invoke<SwitchReport>(
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

    read: (id: string, props: Props) => readSwitch(runner, id, props as unknown as SwitchOutputs),

    // Every input replaces the switch, so an update only refreshes what the host reports.
    async update(id: string, _olds: Props, news: Props) {
      const { props } = await readSwitch(runner, id, { ...specOf(news), switchId: id });
      return { outs: props };
    },

    async delete(id: string, props: Props) {
      await runner.invoke(
        resolveHost((props as { host?: string }).host),
        "switch-delete",
        { switchId: id },
        "write",
      );
    },
  };
}

/** The VirtualSwitch resource provider (loaded lazily by the serialized shim). */
export const virtualSwitchImplementation = virtualSwitchImplementationWith(pooledRunner);

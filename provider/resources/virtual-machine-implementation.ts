/**
 * The VirtualMachine provider's implementation: check and diff are pure (no PowerShell), create,
 * read, update and delete are one PowerShell call each (adopting an existing VM: a read, then an update).
 */
import type * as pulumi from "@pulumi/pulumi";
import { parseVirtualMachine, type VirtualMachineSpec } from "../model";
import { diffVirtualMachine } from "../plan/vm-diff";
import { freshVm, planVmChanges, type VmConfiguration } from "../plan/vm-changes";
import { HyperVError, NotFoundError } from "../powershell";
import { describeHost, resolveHost } from "./host-pools";
import { pooledRunner, type HostRunner } from "./host-runner";
import { simulatorGuestSteps } from "./simulated-guest";
import { partialFailureError } from "./provider-errors";
import { checkWith, diffWith, readOrGone, specParser } from "./provider-steps";
import { vmOutputs, type VmOutputs, type VmDescription } from "./vm-description";

type Props = Record<string, unknown>;

const specOf = specParser("VirtualMachine", (inputs) => parseVirtualMachine(inputs));

async function adopt(
  runner: HostRunner,
  host: string,
  spec: VirtualMachineSpec,
  vmId: string,
): Promise<VmDescription> {
  const found = await runner
    .invoke<VmDescription>(host, "vm-read", { vmId }, "read")
    .catch((error: unknown) => {
      if (error instanceof NotFoundError) {
        throw new Error(
          `adoptVmId: the host has no VM with id ${vmId}; check the id with Get-VM | Select-Object Name, Id`,
        );
      }
      throw error;
    });
  const current: VmConfiguration = { ...vmOutputs(spec, found), guest: undefined };
  return update(runner, host, vmId, current, spec);
}

async function update(
  runner: HostRunner,
  host: string,
  vmId: string,
  from: VmConfiguration,
  spec: VirtualMachineSpec,
): Promise<VmDescription> {
  const plan = planVmChanges(from, spec);
  return runner.invoke<VmDescription>(
    host,
    "vm-update",
    {
      vmId,
      steps: [...plan.steps, ...simulatorGuestSteps(describeHost(host), from.guest, spec.guest)],
      offReasons: plan.offReasons,
      allowHardStop: spec.allowHardStop,
      state: spec.state,
    },
    "write",
  );
}

async function create(runner: HostRunner, inputs: Props): Promise<pulumi.dynamic.CreateResult<VmOutputs>> {
  const spec = specOf(inputs);
  const host = resolveHost(spec.host);
  if (spec.adoptVmId !== undefined) {
    const report = await adopt(runner, host, spec, spec.adoptVmId);
    return { id: report.vmId, outs: vmOutputs(spec, report) };
  }
  const plan = planVmChanges(freshVm(spec), spec);
  try {
    const report = await runner.invoke<VmDescription>(
      host,
      "vm-create",
      {
        vmName: spec.vmName,
        generation: spec.generation,
        memoryStartupMB: spec.memoryStartupMB,
        steps: [...plan.steps, ...simulatorGuestSteps(describeHost(host), undefined, spec.guest)],
        state: spec.state,
      },
      "write",
    );
    return { id: report.vmId, outs: vmOutputs(spec, report) };
  } catch (error) {
    if (
      error instanceof HyperVError &&
      error.fullyQualifiedErrorId?.startsWith("VmCreateIncomplete") &&
      error.targetObject
    ) {
      throw partialFailureError(error.message, error.targetObject, { ...inputs, vmId: error.targetObject });
    }
    throw error;
  }
}

/** The VirtualMachine resource provider running its scripts through `runner`. */
export function virtualMachineImplementationWith(runner: HostRunner): pulumi.dynamic.ResourceProvider {
  return {
    check: checkWith((news) => parseVirtualMachine(news)),

    diff: diffWith(diffVirtualMachine),

    create: (inputs) => create(runner, inputs),

    async read(id: string, props: Props) {
      const previous = props as unknown as VmOutputs;
      return readOrGone(id, async () => {
        const report = await runner.invoke<VmDescription>(
          resolveHost(previous.host),
          "vm-read",
          { vmId: id },
          "read",
        );
        return vmOutputs(previous, report);
      });
    },

    async update(id: string, olds: Props, news: Props) {
      const spec = specOf(news);
      const previous = olds as unknown as VmOutputs;
      const report = await update(runner, resolveHost(spec.host), id, previous, spec);
      return { outs: vmOutputs(spec, report) };
    },

    async delete(id: string, props: Props) {
      await runner.invoke(resolveHost((props as { host?: string }).host), "vm-delete", { vmId: id }, "write");
    },
  };
}

/** The VirtualMachine resource provider (loaded lazily by the serialized shim). */
export const virtualMachineImplementation = virtualMachineImplementationWith(pooledRunner);

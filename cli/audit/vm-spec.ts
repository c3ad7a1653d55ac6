/**
 * The VM model of a VM as its host reports it: the provider's own mapping of a `vm-read` report onto
 * the inputs (`vmOutputs`), parsed by the same model the provider checks inputs with. The guest's
 * NTP configuration (`timeSync`), which the host cannot see, is unknown, so the policies that read it
 * say they cannot judge it instead of judging a default. Pure.
 */
import { parseVirtualMachine, UNKNOWN, type VirtualMachineSpec } from "../../provider/model";
import { vmOutputs, type VmDescription } from "../../provider/resources/vm-description";

export type SpecResult = { ok: true; spec: VirtualMachineSpec } | { ok: false; reason: string };

function failed(stage: string, failures: { property: string; reason: string }[]): SpecResult {
  const details = failures
    .map((f) => (!f.property || f.reason.startsWith(f.property) ? f.reason : `${f.property}: ${f.reason}`))
    .join("; ");
  return { ok: false, reason: `${stage}: ${details}` };
}

/** The normalized spec of `report` with `guest` as its guest input. */
export function specFromReport(report: VmDescription, guest: Record<string, unknown>): SpecResult {
  const base = parseVirtualMachine({
    vmName: report.vmName,
    generation: report.generation,
    memoryStartupMB: report.memoryStartupMB,
    guest,
  });
  if (!base.ok) return failed("the VM model refuses what the host reports", base.failures);
  const {
    vmId: _id,
    state: _state,
    macAddresses: _macs,
    ntpConf: _ntp,
    ...inputs
  } = vmOutputs(base.spec, report);
  const parsed = parseVirtualMachine({ ...inputs, timeSync: UNKNOWN });
  if (!parsed.ok) return failed("the VM model refuses what the host reports", parsed.failures);
  return { ok: true, spec: parsed.spec };
}

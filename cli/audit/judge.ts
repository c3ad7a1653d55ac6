/**
 * Judges every VM the hosts reported with the policy pack's rules and config, as a preview would
 * judge them (the pack's pure evaluation), and marks the findings a baseline already had. A VM
 * whose guest the audit cannot identify, or whose report the model refuses, is unjudged: listed,
 * never passed. Pure: reports in, document out.
 */
import {
  evaluateVirtualMachine,
  policies,
  POLICY_PACK_NAME,
  type EvaluationConfig,
  type Waiver,
} from "../../policies/api";
import type { VmDescription } from "../../provider/resources/vm-description";
import { splitMessage } from "../report/preview-findings";
import { inventoryEntryFor, type InventoryEntry } from "./inventory";
import { guestFromKvp } from "./kvp-guest";
import { specFromReport } from "./vm-spec";

/** What one host answered: its VMs, or why it could not be read. */
export interface HostReport {
  host: string;
  vms?: VmDescription[];
  error?: string;
}

export type AuditLevel = "mandatory" | "advisory" | "waived";

/** One finding on one VM. */
export interface AuditFinding {
  policy: string;
  level: AuditLevel;
  description?: string;
  message: string;
  fix?: string;
  waiver?: Waiver;
  /** With a baseline: true when the baseline did not have this finding. */
  new?: boolean;
}

/** One VM and its verdict. */
export interface AuditedVm {
  host: string;
  vmId: string;
  vmName: string;
  state: string;
  status: "judged" | "unjudged";
  /**
   * Where the guest identity came from, and the `guest` input used: the inventory, or else what the
   * guest reports through Key-Value Pair Exchange (the inventory wins where both say).
   */
  guest?: { source: "inventory" | "kvp"; input: Record<string, unknown> };
  /** Why the VM is unjudged, and what makes it judged. */
  reason?: string;
  findings: AuditFinding[];
}

export interface AuditSummary {
  hosts: number;
  unreachableHosts: number;
  vms: number;
  judged: number;
  unjudged: number;
  mandatory: number;
  advisory: number;
  waived: number;
  /** With a baseline: the mandatory findings it did not have. */
  newMandatory?: number;
}

/** What `pulumi-hyperv audit --json` prints (and `--baseline` reads back). */
export interface AuditDocument {
  audit: { date: string; policyPack: { name: string; version: string }; baseline: boolean };
  hosts: { host: string; vms: number; error?: string }[];
  vms: AuditedVm[];
  summary: AuditSummary;
}

export interface AuditInput {
  hosts: readonly HostReport[];
  inventory: readonly InventoryEntry[];
  config: EvaluationConfig;
  /** UTC day, `YYYY-MM-DD`, for exemption expiry. */
  today: string;
  packVersion: string;
  /** The findings a previous audit had (see {@link baselineKeys}). */
  baseline?: ReadonlySet<string>;
}

const DESCRIPTIONS = new Map(policies.map((p) => [p.name, p.description]));

/** The identity of a finding across audits: host, VM id, policy and message. */
export function findingKey(
  vm: Pick<AuditedVm, "host" | "vmId">,
  f: Pick<AuditFinding, "policy" | "message">,
): string {
  return [vm.host, vm.vmId.toLowerCase(), f.policy, f.message].join("\n");
}

function unjudged(vm: VmDescription, host: string, reason: string, guest?: AuditedVm["guest"]): AuditedVm {
  return {
    host,
    vmId: vm.vmId,
    vmName: vm.vmName,
    state: vm.state,
    status: "unjudged",
    ...(guest && { guest }),
    reason,
    findings: [],
  };
}

function judgeVm(vm: VmDescription, host: string, input: AuditInput): AuditedVm {
  const entry = inventoryEntryFor(input.inventory, vm);
  let guest: NonNullable<AuditedVm["guest"]>;
  if (entry) {
    guest = { source: "inventory", input: entry.guest };
  } else {
    const reported = guestFromKvp(vm.guestKvp);
    if (!reported.ok) {
      const reason = vm.guestKvp
        ? reported.reason
        : `no guest identity${vm.guestKvpError ? ` (${vm.guestKvpError})` : ""}: add { name: ${JSON.stringify(vm.vmName)}, guest: { ... } } (the VM's guest input) to the inventory`;
      return unjudged(vm, host, reason);
    }
    guest = { source: "kvp", input: reported.guest };
  }
  const built = specFromReport(vm, guest.input);
  if (!built.ok) return unjudged(vm, host, built.reason, guest);
  const violations = evaluateVirtualMachine(built.spec, input.config, {
    subject: { names: [vm.vmName] },
    today: input.today,
  });
  const findings = violations.map((v): AuditFinding => {
    const description = DESCRIPTIONS.get(v.policy);
    const { message, fix } = v.unknownValue
      ? {
          message: `can't judge policy '${v.policy}': it reads a setting inside the guest that the host does not report (timeSync)`,
          fix: undefined,
        }
      : splitMessage(v.message, description);
    const finding: AuditFinding = {
      policy: v.policy,
      level: v.waiver ? "waived" : v.enforcementLevel,
      ...(description && { description }),
      message,
      ...(fix && { fix }),
      ...(v.waiver && { waiver: v.waiver }),
    };
    if (input.baseline) finding.new = !input.baseline.has(findingKey({ host, vmId: vm.vmId }, finding));
    return finding;
  });
  return { host, vmId: vm.vmId, vmName: vm.vmName, state: vm.state, status: "judged", guest, findings };
}

/** Audits the hosts' VMs. */
export function audit(input: AuditInput): AuditDocument {
  const vms = input.hosts.flatMap((h) => (h.vms ?? []).map((vm) => judgeVm(vm, h.host, input)));
  const all = vms.flatMap((vm) => vm.findings);
  const count = (level: AuditLevel) => all.filter((f) => f.level === level).length;
  return {
    audit: {
      date: input.today,
      policyPack: { name: POLICY_PACK_NAME, version: input.packVersion },
      baseline: input.baseline !== undefined,
    },
    hosts: input.hosts.map((h) => ({
      host: h.host,
      vms: h.vms?.length ?? 0,
      ...(h.error && { error: h.error }),
    })),
    vms,
    summary: {
      hosts: input.hosts.length,
      unreachableHosts: input.hosts.filter((h) => h.error !== undefined).length,
      vms: vms.length,
      judged: vms.filter((v) => v.status === "judged").length,
      unjudged: vms.filter((v) => v.status === "unjudged").length,
      mandatory: count("mandatory"),
      advisory: count("advisory"),
      waived: count("waived"),
      ...(input.baseline && { newMandatory: all.filter((f) => f.level === "mandatory" && f.new).length }),
    },
  };
}

/**
 * Whether the audit fails: a host could not be read, or a mandatory finding (with a baseline: a
 * mandatory finding the baseline did not have).
 */
export function auditFailed(doc: AuditDocument): boolean {
  const mandatory = doc.summary.newMandatory ?? doc.summary.mandatory;
  return doc.summary.unreachableHosts > 0 || mandatory > 0;
}

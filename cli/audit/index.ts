/** The audit of live hosts: inventory, the model of reported VMs, judging, baseline, outputs. */
export { readInventory, parseInventory, type InventoryEntry } from "./inventory";
export { specFromReport } from "./vm-spec";
export {
  audit,
  auditFailed,
  findingKey,
  type AuditDocument,
  type AuditedVm,
  type AuditFinding,
  type HostReport,
} from "./judge";
export { baselineKeys, readBaseline } from "./baseline";
export { renderText, renderAuditMarkdown, renderAuditSarif } from "./render";

/** How the CLI marks each operation, and its words for planned and done steps. */
import type { ChangeSummary, StepOp } from "../engine/events";

export const OP_SYMBOL: Record<StepOp, string> = {
  same: " ",
  create: "+",
  update: "~",
  delete: "-",
  replace: "+-",
  "create-replacement": "++",
  "delete-replaced": "--",
  refresh: "~",
  read: ">",
  "read-replacement": ">>",
  import: "=",
  "import-replacement": "=>",
  "remove-pending-replace": "-",
  "discard-replaced": "<<",
};

const PROGRESS: Record<StepOp, [running: string, done: string]> = {
  same: ["", ""],
  create: ["creating", "created"],
  update: ["updating", "updated"],
  delete: ["deleting", "deleted"],
  replace: ["replacing", "replaced"],
  "create-replacement": ["creating replacement", "created replacement"],
  "delete-replaced": ["deleting original", "deleted original"],
  refresh: ["refreshing", "refreshed"],
  read: ["reading", "read"],
  "read-replacement": ["reading for replacement", "read for replacement"],
  import: ["importing", "imported"],
  "import-replacement": ["importing replacement", "imported replacement"],
  "remove-pending-replace": ["removing pending replacement", "removed pending replacement"],
  "discard-replaced": ["discarding original", "discarded original"],
};

/** `creating` / `created` / `create` (planned). */
export function opWord(op: StepOp, phase: "running" | "done" | "planned"): string {
  if (phase === "planned") return op === "same" ? "" : op;
  return PROGRESS[op][phase === "running" ? 0 : 1];
}

/** `+ 3 created, ~ 1 updated, - 0 deleted, 2 unchanged` (or `to create`... in a preview). */
export function summaryLine(summary: ChangeSummary, preview: boolean): string {
  const n = (op: keyof ChangeSummary) => summary[op] ?? 0;
  const parts = [
    `+ ${n("create")} ${preview ? "to create" : "created"}`,
    `~ ${n("update")} ${preview ? "to update" : "updated"}`,
    `- ${n("delete")} ${preview ? "to delete" : "deleted"}`,
  ];
  if (n("import") > 0) parts.push(`= ${n("import")} ${preview ? "to import" : "imported"}`);
  if (n("read") > 0) parts.push(`> ${n("read")} read`);
  if (n("replace") > 0) parts.push(`+- ${n("replace")} ${preview ? "to replace" : "replaced"}`);
  parts.push(`${n("same")} unchanged`);
  return parts.join(", ");
}

/** `4s`, `1m12s` */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${s % 60}s`;
}

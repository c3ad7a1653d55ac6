/**
 * The table of in-kernel Linux guests of docs/policy-pack.md, rendered from the matrix rows (pure): one line per
 * row with the facts the policies judge, each as the row's page says (✔ available, — not
 * available, ? unknown), and the page, edition and section it comes from.
 */
import { IN_KERNEL_GUESTS, type Availability, type InKernelFeature, type InKernelGuestRow } from "../matrix";

export const MATRIX_START = "<!-- in-kernel-matrix:start -->";
export const MATRIX_END = "<!-- in-kernel-matrix:end -->";

const MARK: Readonly<Record<Availability | "backports", string>> = {
  yes: "✔",
  no: "—",
  unknown: "?",
  backports: "✔ (backports kernel)",
};

const NAMES: Readonly<Record<string, string>> = {
  rhel: "RHEL",
  centos: "CentOS",
  oracle: "Oracle Linux",
  debian: "Debian",
  ubuntu: "Ubuntu",
  sles: "SLES",
  freebsd: "FreeBSD",
};

const cell = (text: string) => text.replace(/\|/g, "\\|");

function feature(row: InKernelGuestRow, f: InKernelFeature): string {
  const notes = row.notes[f];
  return `${MARK[row.features[f]]}${notes && notes.length > 0 ? ` (n. ${notes.join(", ")})` : ""}`;
}

function kvp(row: InKernelGuestRow): string {
  const base = feature(row, "keyValuePair");
  if (row.features.keyValuePair !== "yes") return base;
  return row.daemons.package && row.daemons.keyValuePair
    ? `${base}, needs \`${row.daemons.package}\``
    : `${base}, daemon package not named`;
}

function secureBoot(row: InKernelGuestRow): string {
  const base = feature(row, "secureBoot");
  return row.features.secureBoot === "yes" && row.secureBootTemplate
    ? `${base}, \`${row.secureBootTemplate.value}\``
    : base;
}

/** The markdown table of `rows` (the whole in-kernel matrix by default). */
export function renderInKernelMatrix(rows: readonly InKernelGuestRow[] = IN_KERNEL_GUESTS): string {
  const lines = rows.map((row) =>
    [
      NAMES[row.distribution] ?? row.distribution,
      row.versions.join(", ").toUpperCase(),
      row.kernel ?? "",
      row.architectures.join(", "),
      feature(row, "core"),
      kvp(row),
      MARK[row.ptpClock.value],
      feature(row, "liveBackup"),
      `${feature(row, "memoryHotAdd")} / ${feature(row, "memoryBallooning")}`,
      `${feature(row, "tcpSegmentationAndChecksumOffloads")} / ${feature(row, "jumboFrames")}`,
      feature(row, "uefiBoot"),
      secureBoot(row),
      `${row.source.page} (${row.source.edition}), ${row.source.section}`,
    ]
      .map(cell)
      .join(" | "),
  );
  return [
    "| distribution | versions | kernel | arch | core (synthetic devices, shutdown, time sync) | KVP | host time via PTP | live backup | hot-add / ballooning | TSO offloads / jumbo frames | generation 2 (UEFI) | secure boot | source |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...lines.map((l) => `| ${l} |`),
  ].join("\n");
}

/** `readme` with the matrix between its markers (unchanged when the markers are missing). */
export function withInKernelMatrix(readme: string, table: string): string {
  const start = readme.indexOf(MATRIX_START);
  const end = readme.indexOf(MATRIX_END);
  if (start < 0 || end <= start) return readme;
  return (
    readme.slice(0, start) +
    `${MATRIX_START}\n\n${table}\n\n${MATRIX_END}` +
    readme.slice(end + MATRIX_END.length)
  );
}

/**
 * The Pulumi CLI's plain tables (`cmdutil.Table`): a header row and rows, each column padded to its
 * widest cell, columns two spaces apart, the last column unpadded.
 */
export function renderTable(headers: string[], rows: string[][], prefix = ""): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  return all
    .map(
      (row) =>
        prefix + row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]) + "  " : cell)).join(""),
    )
    .join("\n")
    .concat("\n");
}

/** go-humanize's `Time` for past instants: `now`, `1 minute ago`, `3 hours ago`, `2 weeks ago`... */
export function humanizeTime(then: Date, now = new Date()): string {
  const seconds = Math.floor((now.getTime() - then.getTime()) / 1000);
  if (seconds < 1) return "now";
  const units: [number, string][] = [
    [365 * 24 * 3600, "year"],
    [30 * 24 * 3600, "month"],
    [7 * 24 * 3600, "week"],
    [24 * 3600, "day"],
    [3600, "hour"],
    [60, "minute"],
    [1, "second"],
  ];
  for (const [size, unit] of units) {
    if (seconds >= size) {
      const n = Math.floor(seconds / size);
      return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
    }
  }
  return "now";
}

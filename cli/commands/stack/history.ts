/**
 * `stack history`: the stack's updates, newest first, in the CLI's console or `--json` shape
 * (pulumi/pulumi `pkg/cmd/pulumi/stack/stack_history.go`, `displayUpdatesConsole`, `buildUpdatesJSON`).
 */
import { parseArgs, type FlagSpec } from "../../args";
import { UsageError } from "../../errors";
import { readHistory, type UpdateRecord } from "../../history";
import { humanizeTime } from "../../output/table";
import { resolveStack } from "../../stacks";
import { CWD_FLAG, projectOf, stackFlag } from "./common";
import type { Subcommand } from "./subcommand";

const FLAGS: FlagSpec[] = [
  CWD_FLAG,
  stackFlag("Choose a stack other than the currently selected one"),
  { name: "json", short: "j", kind: "boolean", description: "Emit output as JSON" },
  { name: "full-dates", kind: "boolean", description: "Show full dates, instead of relative dates" },
  {
    name: "page-size",
    kind: "number",
    value: "N",
    description: "Used with 'page' to control number of results returned (default 10)",
  },
  {
    name: "page",
    kind: "number",
    value: "N",
    description: "Used with 'page-size' to paginate results (default 1)",
  },
];

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** The `--json` document (`updateInfoJSON`). */
export function historyJson(updates: UpdateRecord[]): unknown[] {
  return updates.map((u) => ({
    version: u.version,
    kind: u.kind,
    startTime: iso(u.startTime),
    message: u.message,
    environment: u.environment,
    config: u.config,
    result: u.result,
    ...(u.result !== "in-progress" && {
      endTime: iso(u.endTime ?? u.startTime),
      resourceChanges: u.resourceChanges ?? {},
    }),
  }));
}

/** Go's `time.Duration` text for whole seconds: `0s`, `45s`, `1m5s`, `1h2m3s`. */
function goDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ""}${h || m ? `${m}m` : ""}${s}s`;
}

/** The console listing. */
export function renderHistory(
  updates: UpdateRecord[],
  page: number,
  fullDates: boolean,
  now = new Date(),
): string {
  if (updates.length === 0)
    return page > 1 ? `No stack updates found on page '${page}'\n` : "Stack has never been updated\n";
  const lines: string[] = [];
  for (const u of updates) {
    const changes = u.resourceChanges ?? {};
    const started = new Date(u.startTime * 1000);
    lines.push(
      `Version: ${u.version}`,
      `UpdateKind: ${u.kind}`,
      `Status: ${u.result}`,
      `Message: ${u.message}`,
      `+${changes.create ?? 0}-${changes.delete ?? 0}~${changes.update ?? 0} ${changes.same ?? 0} ` +
        `Updated ${fullDates ? started.toISOString() : humanizeTime(started, now)} took ${goDuration(Math.max(0, (u.endTime ?? u.startTime) - u.startTime))}`,
      ...Object.keys(u.environment)
        .sort()
        .filter((k) => u.environment[k].trim())
        .map((k) => `    ${k}: ${u.environment[k]}`),
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}

export const history: Subcommand = {
  usage: "stack history [flags]",
  summary: "Display history for a stack",
  flags: FLAGS,
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, FLAGS, "stack history");
    if (positionals.length > 0) throw new UsageError(`"stack history" takes no arguments`);
    const project = projectOf(flags);
    const stack = resolveStack(project, flags.stack as string | undefined);
    const pageSize = (flags["page-size"] as number | undefined) ?? 10;
    const page = (flags.page as number | undefined) ?? 1;
    const updates = readHistory(project.dir, stack).slice((page - 1) * pageSize, page * pageSize);
    process.stdout.write(
      flags.json
        ? `${JSON.stringify(historyJson(updates), null, 4)}\n`
        : renderHistory(updates, page, flags["full-dates"] === true),
    );
    return 0;
  },
};

/**
 * `pulumi-hyperv report <preview.json> [--format markdown|sarif]`: the JSON of a preview (the CLI's
 * `pulumi preview --json`, its streamed engine events, or `pulumi-hyperv preview --json`) as a
 * Markdown job summary or SARIF 2.1.0.
 */
import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { flagHelp, parseArgs, type FlagSpec } from "../args";
import { UsageError } from "../errors";
import { PreviewJsonError, renderReport, REPORT_FORMATS, type ReportFormat } from "../report";
import type { Command } from "./command";

const FLAGS: FlagSpec[] = [
  {
    name: "format",
    short: "f",
    kind: "string",
    value: "FORMAT",
    description: "markdown (a job summary, the default) or sarif (code-scanning annotations)",
  },
  {
    name: "artifact",
    kind: "string",
    value: "PATH",
    description: "SARIF: the repository file the results point at (default Pulumi.yaml)",
  },
];

const USAGE = "Usage: pulumi-hyperv report <preview.json | -> [--format markdown|sarif] [--artifact PATH]";

function readInput(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file === "-" ? "standard input" : file}: ${(e as Error).message}`);
  }
}

export const report: Command = {
  summary: "Turn a preview's JSON into a Markdown job summary or SARIF 2.1.0",
  help: () =>
    `${USAGE}\n\nReads the output of \`pulumi preview --json\` (with PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true ` +
    "for policy findings) or `pulumi-hyperv preview --json`; `-` reads standard input.\n\n" +
    flagHelp(FLAGS),
  run: async (argv) => {
    const { flags, positionals } = parseArgs(argv, FLAGS, "report");
    if (positionals.length !== 1) {
      throw new UsageError(`report takes one file, the preview's JSON (got ${positionals.length}): ${USAGE}`);
    }
    const format = (flags.format as string | undefined) ?? "markdown";
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(", ")} (got "${format}")`);
    }
    const artifact = flags.artifact as string | undefined;
    try {
      const { text } = renderReport(readInput(positionals[0]), format as ReportFormat, {
        ...(artifact !== undefined && { artifactUri: posix.normalize(artifact.replace(/\\/g, "/")) }),
      });
      process.stdout.write(text);
    } catch (e) {
      if (e instanceof PreviewJsonError) throw new UsageError(`${positionals[0]}: ${e.message}`);
      throw e;
    }
    return 0;
  },
};

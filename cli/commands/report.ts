/**
 * `pulumi-hyperv report <preview.json> [--format markdown|sarif] [--fail-on LEVEL]`: the JSON of a
 * preview (the CLI's `pulumi preview --json`, its streamed engine events, or `pulumi-hyperv preview
 * --json`) as a Markdown job summary or SARIF 2.1.0; with `--fail-on`, the exit status says whether
 * findings of that level exist.
 */
import { existsSync, readFileSync } from "node:fs";
import { readStdin } from "../terminal-input";
import { join, posix } from "node:path";
import { flagHelp, parseArgs, type FlagSpec } from "../args";
import { UsageError } from "../errors";
import { programMainFile } from "../program-main";
import { loadProject } from "../project";
import { PreviewJsonError, renderReport, REPORT_FORMATS, type Report, type ReportFormat } from "../report";
import { readSourceLocations } from "../report/source-locations";
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
    name: "project-dir",
    kind: "string",
    value: "DIR",
    description: "SARIF: the Pulumi project's directory, relative to the repository root (default .)",
  },
  {
    name: "artifact",
    kind: "string",
    value: "PATH",
    description:
      "SARIF: the repository file results without a source position point at (default: the program's main file)",
  },
  {
    name: "fail-on",
    kind: "string",
    value: "LEVEL",
    description:
      "Exit 1 when findings of this level exist: mandatory (those that stop an update), advisory (any finding) or none (the default)",
  },
];

const USAGE =
  "Usage: pulumi-hyperv report <preview.json | -> [--format markdown|sarif] [--fail-on mandatory|advisory|none] " +
  "[--project-dir DIR] [--artifact PATH]";

const FAIL_ON = ["mandatory", "advisory", "none"] as const;

/** Whether the findings reach the `--fail-on` level. */
function fails(level: (typeof FAIL_ON)[number], result: Report): boolean {
  if (level === "none") return false;
  return level === "mandatory" ? result.mandatory > 0 : result.findings.findings.length > 0;
}

const toPosix = (path: string) => posix.normalize(path.replace(/\\/g, "/"));

/** The program's main file, relative to the repository root; Pulumi.yaml outside a project. */
function defaultArtifact(projectDir: string): string {
  if (!existsSync(join(projectDir, "Pulumi.yaml"))) return posix.join(projectDir, "Pulumi.yaml");
  return posix.join(projectDir, programMainFile(loadProject(projectDir)));
}

/**
 * The preview's JSON: a file, or standard input read as a stream (a synchronous read of a pipe that
 * another process of the pipeline made non-blocking fails with EAGAIN before the data comes).
 */
async function readInput(file: string): Promise<string> {
  try {
    return file === "-" ? await readStdin() : readFileSync(file, "utf8");
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
    const failOn = (flags["fail-on"] as string | undefined) ?? "none";
    if (!(FAIL_ON as readonly string[]).includes(failOn)) {
      throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(", ")} (got "${failOn}")`);
    }
    const projectDir = toPosix((flags["project-dir"] as string | undefined) ?? ".");
    const artifact = flags.artifact as string | undefined;
    const input = await readInput(positionals[0]);
    let result: Report;
    try {
      result = renderReport(
        input,
        format as ReportFormat,
        format === "sarif"
          ? {
              artifactUri: artifact !== undefined ? toPosix(artifact) : defaultArtifact(projectDir),
              locations: readSourceLocations(input),
              projectDir,
            }
          : {},
      );
    } catch (e) {
      if (e instanceof PreviewJsonError) throw new UsageError(`${positionals[0]}: ${e.message}`);
      throw e;
    }
    process.stdout.write(result.text);
    if (failOn !== "none" && !result.findings.policyDataPresent) {
      throw new UsageError(
        `--fail-on ${failOn}: ${positionals[0]} leaves policy findings out, so it cannot tell whether there are any: run the ` +
          "preview with PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true, or use `pulumi-hyperv preview --json`",
      );
    }
    return fails(failOn as (typeof FAIL_ON)[number], result) ? 1 : 0;
  },
};

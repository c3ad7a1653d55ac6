/**
 * `pulumi-hyperv doctor [--host HOST] [-s STACK] [--json]`: checks, in order, what deployments to a
 * Hyper-V host need (the local PowerShell, reaching the host, its Hyper-V module, the account's rights,
 * its switches and VM path, one read-only round trip), each with a pass/fail line and the fix. The host
 * and its credentials come from the stack's config (`hyperv:*`), as the provider reads them; `--host`
 * overrides the host. Read-only. Exits non-zero when a check fails.
 */
import { resolve } from "node:path";
import {
  checkHost,
  HOST_FORMS,
  InvalidArgumentError,
  readHostSpec,
  readProviderSettings,
  type HostCheckResult,
} from "../../provider/host-check";
import { flagHelp, parseArgs, type FlagSpec } from "../args";
import type { Command } from "./command";
import { stackConfigCheck } from "./doctor-config";
import { hostPoolOptions, stackConfig } from "./host-settings";

const FLAGS: FlagSpec[] = [
  { name: "cwd", short: "C", kind: "string", value: "DIR", description: "Run in this project directory" },
  {
    name: "stack",
    short: "s",
    kind: "string",
    value: "NAME",
    description: "The stack whose hyperv:* config to use (Pulumi.<stack>.yaml)",
  },
  {
    name: "host",
    kind: "string",
    value: "HOST",
    description:
      "The host to check: simulator, simulator://NAME, local, ssh://user@host[:port] or winrm://host (default: hyperv:host)",
  },
  { name: "json", short: "j", kind: "boolean", description: "Print the report as JSON" },
];

/**
 * The `--host` flag under the rule of `hyperv:host` and resources' `host` input.
 *
 * @throws InvalidArgumentError naming the flag and the accepted forms.
 */
function checkedHostFlag(value: string): string {
  const read = readHostSpec(value);
  if ("problem" in read) throw new InvalidArgumentError(`--host: ${read.problem}; use ${HOST_FORMS}`);
  return read.host;
}

const LABELS = { pass: "PASS", fail: "FAIL", skipped: "SKIP" } as const;

function render(report: HostCheckResult): string {
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const lines = [`pulumi-hyperv doctor: ${report.host}`];
  for (const check of report.checks) {
    lines.push(`  ${LABELS[check.status]}  ${check.name.padEnd(width)}  ${check.detail}`);
    if (check.fix) lines.push(`        ${"".padEnd(width)}  fix: ${check.fix}`);
  }
  lines.push(report.ok ? "All checks passed." : "Some checks failed: see the fixes above.");
  return `${lines.join("\n")}\n`;
}

export const doctor: Command = {
  summary: "Check a Hyper-V host: PowerShell, reaching it, its Hyper-V module, rights, switches and VM path",
  help: () => `Usage: pulumi-hyperv doctor [flags]\n\n${flagHelp(FLAGS)}`,
  run: async (argv) => {
    const { flags } = parseArgs(argv, FLAGS, "doctor");
    const dir = resolve((flags.cwd as string | undefined) ?? process.cwd());
    const config = stackConfig(dir, flags.stack as string | undefined);
    // Unknown hyperv:* keys fail their own check; the host checks still run with the known ones.
    const configCheck = stackConfigCheck(Object.keys(config.values), config.file);
    const settings = readProviderSettings((key) => config.values[key]);
    const host = flags.host === undefined ? settings.host : checkedHostFlag(flags.host as string);
    const hostReport = await checkHost(hostPoolOptions(settings, host, dir));
    const report = {
      ...hostReport,
      ok: hostReport.ok && configCheck.status !== "fail",
      checks: [configCheck, ...hostReport.checks],
    };
    process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : render(report));
    return report.ok ? 0 : 1;
  },
};

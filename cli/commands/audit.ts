/**
 * `pulumi-hyperv audit --host HOST... [--inventory FILE] [--baseline FILE] [--json] [--format
 * markdown|sarif]`: reads every VM of each host (managed by a stack or not) in one call per host,
 * builds the VM model from what the host reports, takes each guest's identity from the inventory,
 * and judges it with the policy pack. Read-only. Exits 1 on a mandatory finding (with a baseline: a
 * new one) or a host it could not read.
 */
import { resolve } from "node:path";
import { createPool, HyperVError, parseHost } from "../../provider/powershell";
import type { VmDescription } from "../../provider/resources/vm-description";
import { utcDate } from "../../policies/exemptions";
import { flagHelp, parseArgs, type FlagSpec } from "../args";
import {
  audit as auditHosts,
  auditFailed,
  readBaseline,
  readInventory,
  renderAuditMarkdown,
  renderAuditSarif,
  renderText,
  type HostReport,
} from "../audit";
import { policyPackVersion, readAuditConfig } from "../audit/pack-config";
import { UsageError } from "../errors";
import type { Command } from "./command";
import { hostPoolOptions, stackProviderSettings } from "./host-settings";

const FORMATS = ["markdown", "sarif"] as const;

const FLAGS: FlagSpec[] = [
  {
    name: "host",
    kind: "strings",
    value: "HOST",
    description:
      "A host to audit (repeatable): simulator, simulator://NAME, local, ssh://user@host[:port] or winrm://host",
  },
  {
    name: "inventory",
    kind: "string",
    value: "FILE",
    description: "YAML or JSON list of { name or id, guest }: each VM's guest input",
  },
  {
    name: "baseline",
    kind: "string",
    value: "FILE",
    description: "A previous audit's --json: fail only on findings it does not have",
  },
  {
    name: "policy-pack-config",
    kind: "string",
    value: "FILE",
    description: "The policy pack config to judge with (levels, settings, exemptions)",
  },
  { name: "json", short: "j", kind: "boolean", description: "Print the audit as JSON (a later --baseline)" },
  {
    name: "format",
    short: "f",
    kind: "string",
    value: "FORMAT",
    description: "markdown (a job summary) or sarif (code-scanning annotations)",
  },
  {
    name: "cwd",
    short: "C",
    kind: "string",
    value: "DIR",
    description: "Project directory (stack config, simulator state)",
  },
  {
    name: "stack",
    short: "s",
    kind: "string",
    value: "NAME",
    description: "The stack whose hyperv:* config (credentials, timeouts) to use",
  },
];

const USAGE =
  "Usage: pulumi-hyperv audit --host HOST... [--inventory FILE] [--baseline FILE] [--json] [--format markdown|sarif]";

async function readHost(host: string, options: ReturnType<typeof hostPoolOptions>): Promise<HostReport> {
  const pool = createPool({ ...options, size: 1 });
  try {
    return { host, vms: await pool.invoke<VmDescription[]>("vm-list", {}, { kind: "read" }) };
  } catch (e) {
    if (e instanceof HyperVError) return { host, error: e.message };
    throw e;
  } finally {
    await pool.close();
  }
}

/**
 * Runs the audit with the command's arguments, writing its output to `write`; resolves with the exit
 * code. Throws a UsageError for bad flags or files.
 */
export async function runAudit(argv: string[], write: (text: string) => void): Promise<number> {
  const { flags, positionals } = parseArgs(argv, FLAGS, "audit");
  if (positionals.length > 0) {
    throw new UsageError(`audit takes no arguments (got ${positionals.join(" ")}): ${USAGE}`);
  }
  const hosts = (flags.host as string[] | undefined) ?? [];
  if (hosts.length === 0) throw new UsageError(`audit needs at least one --host: ${USAGE}`);
  const format = flags.format as string | undefined;
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${format}")`);
  }
  if (format !== undefined && flags.json) throw new UsageError("--json and --format are exclusive: pick one");
  const dir = resolve((flags.cwd as string | undefined) ?? process.cwd());
  const settings = stackProviderSettings(dir, flags.stack as string | undefined);
  const options = hosts.map((host) => {
    const o = hostPoolOptions(settings, host, dir);
    try {
      parseHost(host, o.simulatorStateDir);
    } catch (e) {
      throw new UsageError(`--host ${host}: ${(e as Error).message}`);
    }
    return o;
  });
  const version = policyPackVersion();
  const config = readAuditConfig(flags["policy-pack-config"] as string | undefined, version);
  const inventoryFile = flags.inventory as string | undefined;
  const inventory = inventoryFile ? readInventory(inventoryFile) : [];
  const baselineFile = flags.baseline as string | undefined;
  const baseline = baselineFile ? readBaseline(baselineFile) : undefined;

  const reports = await Promise.all(hosts.map((host, i) => readHost(host, options[i])));
  const doc = auditHosts({
    hosts: reports,
    inventory,
    config,
    today: utcDate(),
    packVersion: version,
    baseline,
  });
  write(
    flags.json
      ? `${JSON.stringify(doc, null, 2)}\n`
      : format === "markdown"
        ? renderAuditMarkdown(doc)
        : format === "sarif"
          ? `${JSON.stringify(renderAuditSarif(doc), null, 2)}\n`
          : renderText(doc),
  );
  return auditFailed(doc) ? 1 : 0;
}

export const audit: Command = {
  summary: "Judge every VM of live hosts with the policy pack (managed by a stack or not)",
  help: () =>
    `${USAGE}\n\nReads every VM of each host, takes each guest from the inventory, and judges it with the ` +
    "policy pack. A VM without a guest identity is listed as unjudged. Exits 1 on a mandatory finding " +
    "(with --baseline: a new one) or a host it could not read.\n\n" +
    flagHelp(FLAGS),
  run: (argv) => runAudit(argv, (text) => process.stdout.write(text)),
};

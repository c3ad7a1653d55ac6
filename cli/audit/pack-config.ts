/**
 * The policy config an audit judges with: a `--policy-pack-config` file, validated as the CLI
 * validates it for a preview, and the pack's version.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { policies, POLICY_PACK_NAME, type EvaluationConfig } from "../../policies/api";
import { readPolicyConfigFile, reconcilePolicyConfig, type PolicyDescription } from "../engine/policy-config";

/** The pack's version, from its package.json (sources or compiled `dist/`). */
export function policyPackVersion(): string {
  for (const up of [
    ["..", ".."],
    ["..", "..", ".."],
  ]) {
    const file = join(__dirname, ...up, "policies", "package.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  }
  return "0.0.0";
}

/** Reads and validates a pack config file (none: every policy at its own level). */
export function readAuditConfig(file: string | undefined, version: string): EvaluationConfig {
  if (file === undefined) return {};
  const config = readPolicyConfigFile(file);
  const descriptions = policies.map((p) => ({
    name: p.name,
    enforcementLevel: p.enforcementLevel ?? "advisory",
    configSchema: p.configSchema as PolicyDescription["configSchema"],
  }));
  reconcilePolicyConfig({ name: POLICY_PACK_NAME, version }, descriptions, {}, config);
  return config as EvaluationConfig;
}

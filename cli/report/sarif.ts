/**
 * SARIF 2.1.0 for code-scanning annotations: one run per policy pack, its policies as rules, each
 * finding a result on the resource (a logical location named by its URN) and on the line of the
 * program that declared it, when the preview's JSON carries that resource's source position; else
 * on the program's main file, without a line.
 */
import { posix } from "node:path";
import { visibleText } from "./markdown-text";
import { PreviewJsonError, type PolicyFinding, type PreviewFindings } from "./preview-findings";
import type { SourceLocation } from "./source-locations";
import { parseUrn } from "./urn";

export const SARIF_SCHEMA_URI =
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/** A SARIF log: the subset of the 2.1.0 object model this report writes. */
export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}

interface SarifRun {
  tool: {
    driver: {
      name: string;
      version?: string;
      informationUri?: string;
      rules: { id: string; shortDescription?: { text: string }; properties?: Record<string, unknown> }[];
    };
  };
  results: SarifResult[];
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: "error" | "warning";
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region?: { startLine: number; startColumn?: number };
    };
    logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: "external"; status: "accepted"; justification: string }[];
  properties: Record<string, unknown>;
}

export interface SarifOptions {
  /** The file results without a source position point at, relative to the repository root. Default `Pulumi.yaml`. */
  artifactUri?: string;
  /** Where each resource was declared, by URN (paths relative to the project directory). */
  locations?: ReadonlyMap<string, SourceLocation>;
  /** The project directory, relative to the repository root. Default `.`. */
  projectDir?: string;
}

/** FNV-1a, hex: a stable fingerprint so code scanning tracks a finding across runs. */
function fingerprint(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

function resultText(f: PolicyFinding): string {
  const where = f.urn ? `${parseUrn(f.urn).name}: ` : "";
  // Plain text, but shown in a browser: no character may hide or turn the text around.
  return visibleText(`${where}${f.message}${f.fix ? ` Fix: ${f.fix}` : ""}`);
}

/** The finding's place: the line that declared its resource, else the artifact without a region. */
function physicalLocationOf(
  f: PolicyFinding,
  options: SarifOptions,
): SarifResult["locations"][0]["physicalLocation"] {
  const declared = f.urn ? options.locations?.get(f.urn) : undefined;
  if (!declared) return { artifactLocation: { uri: options.artifactUri ?? "Pulumi.yaml" } };
  return {
    artifactLocation: { uri: posix.join(options.projectDir ?? ".", declared.path) },
    region: {
      startLine: declared.line,
      ...(declared.column !== undefined && { startColumn: declared.column }),
    },
  };
}

function runFor(pack: string, findings: PolicyFinding[], options: SarifOptions): SarifRun {
  const ruleIds = [...new Set(findings.map((f) => f.policy))];
  const rules = ruleIds.map((id) => {
    const description = findings.find((f) => f.policy === id && f.description)?.description;
    return {
      id: visibleText(id),
      ...(description && { shortDescription: { text: visibleText(description) } }),
    };
  });
  const version = findings.find((f) => f.policyPackVersion)?.policyPackVersion;
  return {
    tool: { driver: { name: visibleText(pack), ...(version && { version: visibleText(version) }), rules } },
    results: findings.map((f) => ({
      ruleId: visibleText(f.policy),
      ruleIndex: ruleIds.indexOf(f.policy),
      // Mandatory findings (and remediate-level ones left over) stop an update: errors.
      level: f.level === "mandatory" || f.level === "remediate" ? "error" : "warning",
      message: { text: resultText(f) },
      locations: [
        {
          physicalLocation: physicalLocationOf(f, options),
          ...(f.urn && {
            logicalLocations: [
              {
                name: visibleText(parseUrn(f.urn).name),
                fullyQualifiedName: visibleText(f.urn),
                kind: "resource",
              },
            ],
          }),
        },
      ],
      partialFingerprints: {
        "pulumiPolicyFinding/v1": fingerprint(`${f.urn ?? ""}\n${f.policy}\n${f.message}`),
      },
      // An exemption in the policy config (outside the program's source) waived it.
      ...(f.waiver && {
        suppressions: [
          {
            kind: "external" as const,
            status: "accepted" as const,
            justification: `${f.waiver.reason} (owner: ${f.waiver.owner}; expires ${f.waiver.expires})`,
          },
        ],
      }),
      properties: { enforcementLevel: f.level, ...(f.severity && { severity: f.severity }) },
    })),
  };
}

/**
 * Renders a preview's findings as a SARIF 2.1.0 log. A document without policy data is refused: an
 * empty log would tell code scanning that every earlier finding is fixed.
 */
export function renderSarif(report: PreviewFindings, options: SarifOptions = {}): SarifLog {
  if (!report.policyDataPresent) {
    throw new PreviewJsonError(
      "this `pulumi preview --json` document leaves policy findings out, so it cannot make SARIF: run the " +
        "preview with PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true, or use `pulumi-hyperv preview --json`",
    );
  }
  const packs = [...new Set(report.findings.map((f) => f.policyPack))];
  const runs = packs.map((pack) =>
    runFor(
      pack,
      report.findings.filter((f) => f.policyPack === pack),
      options,
    ),
  );
  // A log with no finding still has a run, so code scanning records a clean analysis.
  if (runs.length === 0) runs.push({ tool: { driver: { name: "pulumi-policy", rules: [] } }, results: [] });
  return { $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs };
}

/**
 * Reads the JSON of a preview into policy findings, whichever of its shapes it has:
 *
 * - the CLI's `pulumi preview --json` document (`PreviewDigest`: `steps`, `diagnostics`,
 *   `changeSummary`). The CLI leaves policy events out of it (pulumi/pulumi
 *   `pkg/backend/display/json.go`: "we don't handle policy events in JSON serialization"), so a
 *   report from it says that it cannot list findings;
 * - the same document from `pulumi-hyperv preview --json`, which adds `policyViolations`;
 * - the CLI's engine events, one JSON object per line, which `pulumi preview --json` streams with
 *   `PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true` (`apitype.EngineEvent`: `policyEvent`,
 *   `diagnosticEvent`, `summaryEvent`, ...), or a JSON array of them.
 *
 * Pure: text in, findings out.
 */
import { readWaiver, type Waiver } from "../../policies/exemptions";

/** Levels a finding can have (the policy's level or the finding's own; `waived` when an exemption waived it). */
export type FindingLevel = "mandatory" | "advisory" | "remediate" | "waived";

/** One policy violation on one resource (or on the stack). */
export interface PolicyFinding {
  /** URN of the resource; absent for a finding about the whole stack. */
  urn?: string;
  policyPack: string;
  policyPackVersion?: string;
  policy: string;
  level: FindingLevel;
  severity?: string;
  /** The policy's one-sentence description. */
  description?: string;
  /** What is wrong, without the fix. */
  message: string;
  /** The change that fixes it, when the message states one ("Fix: ..."). */
  fix?: string;
  /** Who waived the finding, why and until when (level `waived`). */
  waiver?: Waiver;
}

/** A non-policy diagnostic of severity error or warning (e.g. "preview failed"). */
export interface PreviewProblem {
  urn?: string;
  severity: "error" | "warning";
  message: string;
}

/** Where the findings were read from. */
export type PreviewSource = "cli-digest" | "pulumi-hyperv-digest" | "engine-events";

export interface PreviewFindings {
  source: PreviewSource;
  /** False when the document cannot carry policy findings (the CLI's digest). */
  policyDataPresent: boolean;
  findings: PolicyFinding[];
  problems: PreviewProblem[];
  /** Planned operations by kind (`create`, `update`, `same`, ...), when the document has them. */
  changeSummary?: Record<string, number>;
}

/** The input is not the JSON of a preview; the message names where and what was expected. */
export class PreviewJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PreviewJsonError";
  }
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

/** Removes the engine's color directives (`<{%reset%}>`, `<{%fg 13%}>`). */
export function stripColors(s: string): string {
  return s.replace(/<\{%[^%]*%\}>/g, "");
}

/** "description\nmessage. Fix: change." into its parts (and the waiver it starts with); a one-line message has no description. */
export function splitMessage(
  raw: string,
  description?: string,
): Pick<PolicyFinding, "description" | "message" | "fix" | "waiver"> {
  let body = stripColors(raw).trim();
  let desc = description;
  if (desc !== undefined && body.startsWith(`${desc}\n`)) {
    body = body.slice(desc.length + 1).trim();
  } else if (desc === undefined && body.includes("\n")) {
    const newline = body.indexOf("\n");
    desc = body.slice(0, newline).trim();
    body = body.slice(newline + 1).trim();
  }
  const waived = readWaiver(body);
  if (waived) body = waived.message;
  const fixAt = body.lastIndexOf(" Fix: ");
  const message = fixAt >= 0 ? body.slice(0, fixAt).trim() : body;
  const fix = fixAt >= 0 ? body.slice(fixAt + " Fix: ".length).trim() : undefined;
  return {
    ...(desc !== undefined && desc !== message && { description: desc }),
    message,
    ...(fix && { fix }),
    ...(waived && { waiver: waived.waiver }),
  };
}

/** A waived finding's level is `waived`, whatever level the host reported it at. */
function withWaivedLevel(finding: PolicyFinding): PolicyFinding {
  return finding.waiver ? { ...finding, level: "waived" } : finding;
}

function levelOf(value: unknown, where: string): FindingLevel {
  if (value === "mandatory" || value === "remediate") return value;
  // apitype.EnforcementLevel spells advisory "advisory"; its comment also names "warning".
  if (value === "advisory" || value === "warning") return "advisory";
  throw new PreviewJsonError(
    `${where}: enforcementLevel ${JSON.stringify(value)} is not one of mandatory, advisory, remediate`,
  );
}

function requireText(obj: Json, key: string, where: string): string {
  const v = text(obj[key]);
  if (v === undefined) throw new PreviewJsonError(`${where}: ${key} must be a non-empty string`);
  return v;
}

function fromPolicyEvent(e: Json, where: string): PolicyFinding {
  return withWaivedLevel({
    ...(text(e.resourceUrn) && { urn: text(e.resourceUrn) }),
    policyPack: requireText(e, "policyPackName", where),
    ...(text(e.policyPackVersion) && { policyPackVersion: text(e.policyPackVersion) }),
    policy: requireText(e, "policyName", where),
    level: levelOf(e.enforcementLevel, where),
    ...(text(e.severity) && { severity: text(e.severity) }),
    ...splitMessage(requireText(e, "message", where)),
  });
}

function fromHypervViolation(v: Json, where: string): PolicyFinding {
  return withWaivedLevel({
    ...(text(v.urn) && { urn: text(v.urn) }),
    policyPack: requireText(v, "policyPack", where),
    ...(text(v.policyPackVersion) && { policyPackVersion: text(v.policyPackVersion) }),
    policy: requireText(v, "policyName", where),
    level: levelOf(v.enforcementLevel, where),
    ...(text(v.severity) && { severity: text(v.severity) }),
    ...splitMessage(requireText(v, "message", where), text(v.description)),
  });
}

/** diag.Severity is "error", "warning", "info", "debug", or those with "#err" (written to stderr). */
function problemOf(urn: unknown, severity: unknown, message: unknown): PreviewProblem | undefined {
  const kind = typeof severity === "string" ? severity.replace(/#err$/, "") : "";
  if (kind !== "error" && kind !== "warning") return undefined;
  return {
    ...(text(urn) && { urn: text(urn) }),
    severity: kind,
    message: stripColors(typeof message === "string" ? message : "").trim(),
  };
}

function counts(v: unknown): Record<string, number> | undefined {
  if (!isObject(v)) return undefined;
  return Object.fromEntries(Object.entries(v).filter(([, n]) => typeof n === "number")) as Record<
    string,
    number
  >;
}

function fromDigest(doc: Json): PreviewFindings {
  const violations = doc.policyViolations;
  if (violations !== undefined && !Array.isArray(violations)) {
    throw new PreviewJsonError("policyViolations must be a list");
  }
  const diagnostics = Array.isArray(doc.diagnostics) ? doc.diagnostics : [];
  return {
    source: violations !== undefined ? "pulumi-hyperv-digest" : "cli-digest",
    policyDataPresent: violations !== undefined,
    findings: (violations ?? []).map((v, i) => {
      if (!isObject(v)) throw new PreviewJsonError(`policyViolations[${i}] must be an object`);
      return fromHypervViolation(v, `policyViolations[${i}]`);
    }),
    problems: diagnostics.flatMap((d) => {
      const p = isObject(d) ? problemOf(d.urn, d.severity, d.message) : undefined;
      return p ? [p] : [];
    }),
    ...(counts(doc.changeSummary) && { changeSummary: counts(doc.changeSummary) }),
  };
}

function fromEvents(events: { event: unknown; where: string }[]): PreviewFindings {
  const out: PreviewFindings = {
    source: "engine-events",
    policyDataPresent: true,
    findings: [],
    problems: [],
  };
  for (const { event, where } of events) {
    if (!isObject(event) || typeof event.sequence !== "number") {
      throw new PreviewJsonError(`${where}: not an engine event (an object with a sequence number)`);
    }
    if (isObject(event.policyEvent))
      out.findings.push(fromPolicyEvent(event.policyEvent, `${where} policyEvent`));
    const d = event.diagnosticEvent;
    if (isObject(d)) {
      const p = problemOf(
        d.urn,
        d.severity,
        `${typeof d.prefix === "string" ? d.prefix : ""}${String(d.message ?? "")}`,
      );
      if (p) out.problems.push(p);
    }
    if (isObject(event.summaryEvent)) {
      const changes = counts(event.summaryEvent.resourceChanges);
      if (changes) out.changeSummary = changes;
    }
  }
  return out;
}

const DIGEST_KEYS = ["steps", "diagnostics", "changeSummary", "config", "duration", "policyViolations"];

/** Reads a preview's JSON (any shape above); throws {@link PreviewJsonError} with the place and the fix. */
export function readPreviewFindings(input: string): PreviewFindings {
  const trimmed = input.trim();
  if (trimmed === "") {
    throw new PreviewJsonError("the input is empty: pass the output of `pulumi preview --json`");
  }
  let whole: unknown;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    whole = undefined;
  }
  if (Array.isArray(whole)) return fromEvents(whole.map((event, i) => ({ event, where: `event ${i}` })));
  if (isObject(whole) && typeof whole.sequence !== "number") {
    if (!DIGEST_KEYS.some((k) => k in whole)) {
      throw new PreviewJsonError(
        `the JSON object has none of ${DIGEST_KEYS.join(", ")}: pass the output of \`pulumi preview --json\``,
      );
    }
    return fromDigest(whole);
  }
  const lines = trimmed.split(/\r?\n/);
  return fromEvents(
    lines.flatMap((line, i) => {
      if (line.trim() === "") return [];
      try {
        return [{ event: JSON.parse(line) as unknown, where: `line ${i + 1}` }];
      } catch {
        throw new PreviewJsonError(
          `line ${i + 1} is not JSON: pass the output of \`pulumi preview --json\` (one document, or one engine event per line)`,
        );
      }
    }),
  );
}

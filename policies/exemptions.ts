/**
 * Exemptions: a policy's config can waive its findings on chosen resources, each exemption with an
 * owner, a reason and an expiry date. The decision is pure ("today" is passed in); the waived
 * finding keeps its text behind one "Waived ..." line that every report reads back, since the
 * policy host's violations carry only a message and a level.
 *
 * ```json
 * { "linux-ics-single-vcpu": { "exemptions": [
 *     { "resource": "build-*", "owner": "ci-team", "reason": "load test until the 2-vCPU rollout", "expires": "2027-03-31" } ] } }
 * ```
 */

/** One exemption as written in the policy config. */
export interface Exemption {
  /** Glob (`*` any text, `?` one character) over the resource's URN, its name, or its VM name on the host. */
  resource: string;
  owner?: string;
  reason?: string;
  /** Last day (UTC, `YYYY-MM-DD`) the exemption waives findings. */
  expires?: string;
}

/** The waiver a finding got: who accepted it, why, and until when. */
export interface Waiver {
  owner: string;
  reason: string;
  expires: string;
}

/** What a resource is known as: its URN (absent outside a stack) and its names. */
export interface ExemptionSubject {
  urn?: string;
  names: string[];
}

/** The config key of a policy's exemptions. */
export const EXEMPTIONS_KEY = "exemptions";

/** The JSON schema of the `exemptions` setting, added to every policy's config schema. */
export const EXEMPTIONS_SCHEMA = {
  type: "array",
  default: [],
  description:
    "Resources this policy does not block: each { resource (glob over URN, resource name or VM name), " +
    "owner, reason, expires (YYYY-MM-DD, last day) }; a waived finding is reported as waived, an expired or " +
    "incomplete exemption waives nothing",
  items: {
    type: "object",
    properties: {
      resource: { type: "string", minLength: 1 },
      owner: { type: "string" },
      reason: { type: "string" },
      expires: { type: "string" },
    },
    required: ["resource"],
  },
} as const;

/** The outcome for one policy on one resource. */
export interface ExemptionDecision {
  /** The exemption in force, if any. */
  waiver?: Waiver;
  /** Matching exemptions whose last day has passed. */
  expired: Required<Exemption>[];
  /** Matching exemptions that waive nothing because they lack a field: what is wrong with each. */
  incomplete: { exemption: Exemption; problem: string }[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function globMatches(pattern: string, value: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${source}$`, "s").test(value);
}

/** Whether `exemption` names `subject`. */
export function exemptionMatches(exemption: Exemption, subject: ExemptionSubject): boolean {
  const candidates = [...(subject.urn !== undefined ? [subject.urn] : []), ...subject.names];
  return candidates.some((c) => globMatches(exemption.resource, c));
}

const text = (v: unknown): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.replace(/\s+/g, " ").trim() : undefined;

function problemOf(e: Exemption): string | undefined {
  const missing = (["owner", "reason", "expires"] as const).filter((k) => text(e[k]) === undefined);
  if (missing.length > 0) return `has no ${missing.join(", ")}`;
  if (!isDate(e.expires!.trim())) return `expires "${e.expires}" is not a date (YYYY-MM-DD)`;
  if (e.owner!.includes("): ")) return 'owner must not contain "): "';
  return undefined;
}

/** The exemptions of a policy's config (`config.exemptions`); anything else counts as none. */
export function readExemptions(config: unknown): Exemption[] {
  const list = (config as Record<string, unknown> | null | undefined)?.[EXEMPTIONS_KEY];
  if (!Array.isArray(list)) return [];
  return list.filter(
    (e): e is Exemption =>
      e !== null && typeof e === "object" && typeof (e as Exemption).resource === "string",
  );
}

/**
 * Decides whether a policy's findings on `subject` are waived on `today` (UTC, `YYYY-MM-DD`): the
 * first complete matching exemption whose `expires` is today or later waives them.
 */
export function decideExemption(
  exemptions: readonly Exemption[],
  subject: ExemptionSubject,
  today: string,
): ExemptionDecision {
  const decision: ExemptionDecision = { expired: [], incomplete: [] };
  for (const exemption of exemptions) {
    if (!exemptionMatches(exemption, subject)) continue;
    const problem = problemOf(exemption);
    if (problem) {
      decision.incomplete.push({ exemption, problem });
      continue;
    }
    const complete = {
      resource: exemption.resource,
      owner: text(exemption.owner)!,
      reason: text(exemption.reason)!,
      expires: exemption.expires!.trim(),
    };
    if (complete.expires < today) decision.expired.push(complete);
    else decision.waiver ??= { owner: complete.owner, reason: complete.reason, expires: complete.expires };
  }
  return decision;
}

/** Today in UTC as `YYYY-MM-DD`. */
export function utcDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

const WAIVED_LINE = /^Waived until (\d{4}-\d{2}-\d{2}) \(owner: (.*?)\): (.*)$/;

/** The line a waived finding's message starts with. */
export function waivedLine(waiver: Waiver): string {
  return `Waived until ${waiver.expires} (owner: ${waiver.owner}): ${waiver.reason}`;
}

/** Splits a message that starts with {@link waivedLine} into the waiver and the finding's own text. */
export function readWaiver(message: string): { waiver: Waiver; message: string } | undefined {
  const newline = message.indexOf("\n");
  const first = newline >= 0 ? message.slice(0, newline) : message;
  const m = WAIVED_LINE.exec(first.trim());
  if (!m) return undefined;
  return {
    waiver: { expires: m[1], owner: m[2], reason: m[3] },
    message: newline >= 0 ? message.slice(newline + 1).trim() : "",
  };
}

/** The note an expired exemption puts before the finding it no longer waives. */
export function expiredNote(expired: Required<Exemption>): string {
  return `The exemption (owner: ${expired.owner}) expired on ${expired.expires}, so this is a violation again.`;
}

/** The finding an incomplete exemption is. */
export function incompleteMessage(policy: string, item: ExemptionDecision["incomplete"][number]): string {
  return (
    `The exemption of policy ${policy} for resource "${item.exemption.resource}" ${item.problem}, so it waives nothing. ` +
    `Fix: give the exemption an owner, a reason and an expiry date (expires: "YYYY-MM-DD").`
  );
}

/**
 * A finding as a policy reports it, before and after its exemptions are applied: at the policy's
 * configured level (`policy`) or at its own.
 */
export interface ReportedFinding {
  level: "policy" | "mandatory" | "advisory";
  message: string;
  waiver?: Waiver;
}

/**
 * Applies a decision to a policy's findings on one resource: waived ones become advisory with their
 * waiver; expired exemptions say so on each finding; each incomplete exemption is a finding of its
 * own at the policy's level.
 */
export function applyExemption(
  policy: string,
  findings: readonly ReportedFinding[],
  decision: ExemptionDecision,
): ReportedFinding[] {
  const out: ReportedFinding[] = findings.map((f) => {
    if (decision.waiver) return { level: "advisory", message: f.message, waiver: decision.waiver };
    if (decision.expired.length > 0)
      return { ...f, message: `${expiredNote(decision.expired[0])} ${f.message}` };
    return f;
  });
  for (const item of decision.incomplete)
    out.push({ level: "policy", message: incompleteMessage(policy, item) });
  return out;
}

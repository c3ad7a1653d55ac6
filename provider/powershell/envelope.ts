import { z } from "zod";

/** The marker that starts the envelope line a session prints after every call. */
export const ENVELOPE_MARKER = "@@HYPERV";

/** What the prelude reports about a PowerShell error record. */
export const errorInfoSchema = z.object({
  category: z.string(),
  fullyQualifiedErrorId: z.string(),
  message: z.string(),
  targetObject: z.string().nullable(),
  operation: z.string(),
  exceptionType: z.string().optional(),
});

/** The one JSON document a session prints per call. */
export const envelopeSchema = z.object({
  ok: z.boolean(),
  data: z.unknown(),
  warnings: z.array(z.string()),
  error: errorInfoSchema.nullable(),
});

export type ErrorInfo = z.infer<typeof errorInfoSchema>;
export type Envelope = z.infer<typeof envelopeSchema>;

/** Why a call's output could not be read as an envelope. */
export type EnvelopeProblem = "missing" | "malformed";

/**
 * Finds the envelope line tagged with `nonce` in a call's stdout and parses it. Anything else on stdout
 * (host output a script wrote directly to the console) is ignored.
 */
export function readEnvelope(
  stdout: string,
  nonce: string,
): { envelope: Envelope } | { problem: EnvelopeProblem; detail: string } {
  const prefix = `${ENVELOPE_MARKER} ${nonce} `;
  const line = stdout.split(/\r?\n/).find((candidate) => candidate.startsWith(prefix));
  if (line === undefined) return { problem: "missing", detail: "no envelope line in the output" };
  let json: unknown;
  try {
    json = JSON.parse(line.slice(prefix.length));
  } catch (error) {
    return { problem: "malformed", detail: `the envelope is not JSON (${(error as Error).message})` };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    return { problem: "malformed", detail: `the envelope has the wrong shape (${parsed.error.message})` };
  }
  return { envelope: parsed.data };
}

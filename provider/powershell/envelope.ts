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
 * Finds the envelope tagged with `nonce` in a call's stdout and parses it. The envelope runs from its
 * marker to the end of that line, wherever the marker starts: output a script wrote to the console without
 * a final newline may precede it on the same line. Anything else on stdout is ignored. Only this call's
 * random nonce identifies the envelope, so stray output cannot forge one.
 */
export function readEnvelope(
  stdout: string,
  nonce: string,
): { envelope: Envelope } | { problem: EnvelopeProblem; detail: string } {
  const prefix = `${ENVELOPE_MARKER} ${nonce} `;
  const start = stdout.lastIndexOf(prefix);
  if (start === -1) return { problem: "missing", detail: "no envelope line in the output" };
  const lineEnd = stdout.indexOf("\n", start);
  const line = stdout
    .slice(start + prefix.length, lineEnd === -1 ? stdout.length : lineEnd)
    .replace(/\r$/, "");
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { problem: "malformed", detail: `the envelope is not JSON (${(error as Error).message})` };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    return { problem: "malformed", detail: `the envelope has the wrong shape (${parsed.error.message})` };
  }
  return { envelope: parsed.data };
}

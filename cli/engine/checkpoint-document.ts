/**
 * Validation of a checkpoint file's text into a deployment document, with errors that say the
 * file, what is wrong (truncated JSON at a line and column, not a checkpoint, another version, a
 * secret that does not decrypt) and the fix. The file is never touched here; the commands write no
 * checkpoint over one they could not read. Pure.
 */
import { z } from "zod";
import { UsageError } from "../errors";
import type { DeploymentDocument } from "./checkpoint";

/** What to do about a checkpoint that cannot be read; the file is left as it is. */
const CHECKPOINT_FIX =
  "restore it from a backup or version control (pulumi-hyperv leaves the file as it is and writes no checkpoint over it)";

/** A checkpoint that cannot be read: the message names the file, what is wrong and the fix. */
export class DamagedCheckpointError extends UsageError {
  constructor(message: string) {
    super(message);
    this.name = "DamagedCheckpointError";
  }
}

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function jsonError(file: string, text: string, error: Error): DamagedCheckpointError {
  const at = /at position (\d+)/.exec(error.message);
  // "Unexpected end of JSON input" names no position: the text stops short, at its end.
  const offset = at ? Number(at[1]) : text.length;
  const { line, column } = lineAndColumn(text, offset);
  // An error at the very end (or past trailing whitespace) means the file stops short.
  const what = offset >= text.trimEnd().length ? "is truncated" : "is not valid JSON";
  const reason = error.message.replace(/ in JSON at position \d+.*$/, "").replace(/ of JSON input$/, "");
  return new DamagedCheckpointError(
    `${file}: the checkpoint ${what} at line ${line}, column ${column} (${reason}): ${CHECKPOINT_FIX}`,
  );
}

const resourceSchema = z.looseObject({ urn: z.string().min(1), type: z.string().min(1) });

const documentSchema = z.looseObject({
  version: z.unknown(),
  deployment: z.looseObject({
    resources: z.array(resourceSchema).optional(),
    pending_operations: z.array(z.looseObject({ resource: resourceSchema, type: z.string() })).optional(),
  }),
});

function at(path: readonly PropertyKey[]): string {
  return path
    .map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`))
    .join("")
    .slice(1);
}

/**
 * The deployment document a checkpoint file holds.
 *
 * @throws DamagedCheckpointError when the text is not JSON (with line and column), not a
 *   deployment document, or not version 3.
 */
export function parseCheckpointDocument(file: string, text: string): DeploymentDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw jsonError(file, text, error as Error);
  }
  const isObject = json !== null && typeof json === "object" && !Array.isArray(json);
  if (!isObject || !("deployment" in (json as object))) {
    throw new DamagedCheckpointError(
      `${file}: not a checkpoint: it has no "deployment" (a checkpoint is what pulumi stack export prints, ` +
        `{"version": 3, "deployment": {...}}): ${CHECKPOINT_FIX}`,
    );
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DamagedCheckpointError(
      `${file}: not a checkpoint: ${at(issue.path)} ${issue.message.toLowerCase()}: ${CHECKPOINT_FIX}`,
    );
  }
  if (parsed.data.version !== 3) {
    throw new DamagedCheckpointError(
      `${file}: checkpoint version ${JSON.stringify(parsed.data.version)} is not supported (this command ` +
        "reads version 3, what pulumi stack export prints): convert it with the Pulumi CLI " +
        "(pulumi stack import, then pulumi stack export), or restore a version 3 file",
    );
  }
  return parsed.data as unknown as DeploymentDocument;
}

/** A secret of a resource in the checkpoint does not decrypt with the stack's passphrase. */
export function undecryptableSecretError(file: string, urn: string): DamagedCheckpointError {
  return new DamagedCheckpointError(
    `${file}: cannot decrypt a secret of ${urn}: wrong passphrase or damaged value: set ` +
      "PULUMI_CONFIG_PASSPHRASE to the passphrase the stack was deployed with; if it is right, the " +
      `value is damaged: ${CHECKPOINT_FIX}`,
  );
}

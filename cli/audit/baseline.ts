/**
 * `--baseline`: a previous `pulumi-hyperv audit --json`, whose findings are known; only the others
 * are new. Pure apart from reading the file.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "../errors";
import { findingKey } from "./judge";

const baselineSchema = z.object({
  vms: z.array(
    z.object({
      host: z.string(),
      vmId: z.string(),
      findings: z.array(z.object({ policy: z.string(), message: z.string() })),
    }),
  ),
});

/** The finding keys of a previous audit's JSON. */
export function baselineKeys(text: string, file: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(
      `--baseline ${file}: not JSON (${(e as Error).message}): pass the output of pulumi-hyperv audit --json`,
    );
  }
  const parsed = baselineSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `--baseline ${file}: ${issue.path.join(".") || "the document"}: ${issue.message}: pass the output of pulumi-hyperv audit --json`,
    );
  }
  return new Set(parsed.data.vms.flatMap((vm) => vm.findings.map((f) => findingKey(vm, f))));
}

/** Reads a baseline file. */
export function readBaseline(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`--baseline ${file}: cannot read it: ${(e as Error).message}`);
  }
  return baselineKeys(text, file);
}

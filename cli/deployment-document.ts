/**
 * Checks a deployment document before `stack import` replaces a stack's state with it: its shape
 * (`apitype.UntypedDeployment` with a version 3 `DeploymentV3`) and the snapshot invariants the
 * Pulumi engine's `Snapshot.VerifyIntegrity` checks (unique URNs; parents, dependencies and
 * providers recorded before the resources that name them).
 */
import { z } from "zod";
import type { DeploymentDocument } from "./engine/checkpoint";
import type { Snapshot } from "./engine/state";

const resource = z.looseObject({
  urn: z.string().regex(/^urn:pulumi:/, "a URN starts with urn:pulumi:"),
  custom: z.boolean(),
  type: z.string().min(1),
  id: z.string().optional(),
  delete: z.boolean().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  parent: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
  provider: z.string().optional(),
  propertyDependencies: z.record(z.string(), z.array(z.string())).optional(),
});

const documentSchema = z.object({
  version: z.literal(3, { error: "only deployment version 3 is supported" }),
  deployment: z.looseObject({
    manifest: z.looseObject({ time: z.string(), magic: z.string(), version: z.string() }),
    secrets_providers: z.looseObject({ type: z.string(), state: z.unknown().optional() }).optional(),
    resources: z.array(resource).optional(),
    pending_operations: z
      .array(z.looseObject({ resource, type: z.enum(["creating", "updating", "deleting", "reading"]) }))
      .optional(),
  }),
});

/** The shape errors of a deployment document (empty when it is one), each naming its JSON path. */
export function deploymentShapeErrors(doc: unknown): string[] {
  const result = documentSchema.safeParse(doc);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(document)"}: ${i.message}`);
}

/** The provider URN of a provider reference (`<urn>::<id>`). */
function providerUrn(reference: string): string {
  const at = reference.lastIndexOf("::");
  return at > 0 ? reference.slice(0, at) : reference;
}

/** The snapshot's integrity errors (empty when sound), as `VerifyIntegrity` finds them. */
export function snapshotIntegrityErrors(snapshot: Snapshot): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const r of snapshot.resources) {
    if (r.parent && !seen.has(r.parent))
      errors.push(`${r.urn}: its parent ${r.parent} is not recorded before it`);
    for (const d of r.dependencies ?? [])
      if (!seen.has(d)) errors.push(`${r.urn}: its dependency ${d} is not recorded before it`);
    if (r.provider && !seen.has(providerUrn(r.provider)))
      errors.push(`${r.urn}: its provider ${providerUrn(r.provider)} is not recorded before it`);
    // A resource pending deletion may share its URN with its replacement.
    if (seen.has(r.urn) && !r.delete) errors.push(`${r.urn}: recorded twice`);
    seen.add(r.urn);
  }
  return errors;
}

/** Throws-free check of a document read from a file: shape first, then the shape's own types. */
export function isDeploymentDocument(doc: unknown): doc is DeploymentDocument {
  return deploymentShapeErrors(doc).length === 0;
}

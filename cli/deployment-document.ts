/**
 * Checks a deployment document's shape before `stack import` replaces a stack's state with it
 * (`apitype.UntypedDeployment` with a version 3 `DeploymentV3`); the snapshot's integrity is then
 * `engine/deploy/integrity.ts`'s to judge.
 */
import { z } from "zod";
import type { DeploymentDocument } from "./engine/checkpoint";

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

/** Throws-free check of a document read from a file: shape first, then the shape's own types. */
export function isDeploymentDocument(doc: unknown): doc is DeploymentDocument {
  return deploymentShapeErrors(doc).length === 0;
}

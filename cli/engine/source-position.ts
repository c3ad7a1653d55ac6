/**
 * Where a program registered a resource, as the Pulumi engine records it: the SDK sends the caller's
 * file URI, line and column (`RegisterResourceRequest.sourcePosition`) and the call stack
 * (`stackTrace`); the engine keeps them relative to the project as `project:///<path>#<line>,<column>`
 * (pulumi/pulumi `pkg/resource/deploy/source_eval.go`, `sourcePositions.parseSourcePosition` and
 * `newStackTrace`), and the state's resources carry them as `sourcePosition` and `stackTrace`
 * (`apitype.ResourceV3`).
 */
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type * as spb from "@pulumi/pulumi/proto/source_pb";

/** A resource's registration site, in the state's shape. */
export interface ResourceSource {
  sourcePosition?: string;
  stackTrace?: { sourcePosition?: string }[];
}

/** What a registration request says about its source (RegisterResourceRequest, ReadResourceRequest). */
export interface HasSourcePosition {
  getSourceposition(): spb.SourcePosition | undefined;
  getStacktrace(): spb.StackTrace | undefined;
}

/**
 * One position as `project:///<path relative to the project>#<line>[,<column>]`, or undefined for a
 * position the engine would drop (not a file URI, a relative path, a negative line or column).
 */
export function projectPosition(
  raw: spb.SourcePosition | undefined,
  projectRoot: string,
): string | undefined {
  if (!raw || raw.getLine() < 0 || raw.getColumn() < 0) return undefined;
  let file: string;
  try {
    const url = new URL(raw.getUri());
    if (url.protocol !== "file:") return undefined;
    file = fileURLToPath(url);
  } catch {
    return undefined;
  }
  const path = relative(projectRoot, file).split(sep).join("/");
  const column = raw.getColumn() !== 0 ? `,${raw.getColumn()}` : "";
  return `project:///${encodeURI(path)}#${raw.getLine()}${column}`;
}

/** The registration site of a request, relative to `projectRoot` (the directory of Pulumi.yaml). */
export function sourcePositionOf(request: HasSourcePosition, projectRoot: string): ResourceSource {
  const sourcePosition = projectPosition(request.getSourceposition(), projectRoot);
  const frames = request.getStacktrace()?.getFramesList() ?? [];
  return {
    ...(sourcePosition && { sourcePosition }),
    ...(frames.length > 0 && {
      stackTrace: frames.map((frame) => {
        const position = projectPosition(frame.getPc(), projectRoot);
        return position ? { sourcePosition: position } : {};
      }),
    }),
  };
}

/** A state as the preview's JSON shows it, with its registration site (none: the state as it is). */
export function withResourceSource<T extends object>(
  state: T,
  source: ResourceSource | undefined,
): T & ResourceSource {
  return { ...state, ...source };
}

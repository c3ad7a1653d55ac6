/**
 * Where in the program each resource of a preview's JSON was declared: the steps' `newState` (else
 * `oldState`) carry the engine's `sourcePosition` and `stackTrace` (`project:///<path>#<line>,<column>`,
 * pulumi/pulumi `apitype.ResourceV3`). The first position in the project's own files counts: a class
 * of a package (`node_modules/`, or outside the project) is where the SDK was called from, not where
 * the program declared the resource. Engine events carry no positions. Pure: text in, map out.
 */

/** A place in a file of the project: its path relative to the project directory. */
export interface SourceLocation {
  path: string;
  line: number;
  column?: number;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** `project:///index.ts#12,5` as a location, or undefined when it is not one in the project's own files. */
export function parseProjectPosition(position: unknown): SourceLocation | undefined {
  if (typeof position !== "string") return undefined;
  const match = /^project:\/\/\/([^#]+)#(\d+)(?:,(\d+))?$/.exec(position);
  if (!match) return undefined;
  let path: string;
  try {
    path = decodeURI(match[1]);
  } catch {
    return undefined;
  }
  const segments = path.split("/");
  if (segments.includes("..") || segments.includes("node_modules") || path.startsWith("/")) return undefined;
  const line = Number(match[2]);
  if (line < 1) return undefined;
  return { path, line, ...(match[3] !== undefined && Number(match[3]) > 0 && { column: Number(match[3]) }) };
}

function locationOf(state: unknown): SourceLocation | undefined {
  if (!isObject(state)) return undefined;
  const frames = Array.isArray(state.stackTrace) ? state.stackTrace : [];
  for (const position of [
    state.sourcePosition,
    ...frames.map((f) => (isObject(f) ? f.sourcePosition : undefined)),
  ]) {
    const location = parseProjectPosition(position);
    if (location) return location;
  }
  return undefined;
}

/** The declaration site of each resource a preview's JSON document positions; empty for other inputs. */
export function readSourceLocations(input: string): Map<string, SourceLocation> {
  const locations = new Map<string, SourceLocation>();
  let doc: unknown;
  try {
    doc = JSON.parse(input);
  } catch {
    return locations;
  }
  if (!isObject(doc) || !Array.isArray(doc.steps)) return locations;
  for (const step of doc.steps) {
    if (!isObject(step) || typeof step.urn !== "string") continue;
    const location = locationOf(step.newState) ?? locationOf(step.oldState);
    if (location && !locations.has(step.urn)) locations.set(step.urn, location);
  }
  return locations;
}

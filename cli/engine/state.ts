/**
 * Resource states in the Pulumi deployment format (`apitype.ResourceV3`, what `pulumi stack
 * export` prints), with secrets held in wire form while in memory.
 */
import type { PropertyMap } from "./properties";

/** `resource.CustomTimeouts`, in seconds as the state stores them. */
export interface CustomTimeouts {
  create?: number;
  update?: number;
  delete?: number;
}

/** One resource's state. */
export interface ResourceState {
  urn: string;
  custom: boolean;
  delete?: boolean;
  id?: string;
  type: string;
  inputs?: PropertyMap;
  outputs?: PropertyMap;
  parent?: string;
  protect?: boolean;
  /** Read by `Resource.get` (or a read step): the program does not own its lifecycle. */
  external?: boolean;
  dependencies?: string[];
  initErrors?: string[];
  provider?: string;
  propertyDependencies?: Record<string, string[]>;
  pendingReplacement?: boolean;
  additionalSecretOutputs?: string[];
  aliases?: string[];
  customTimeouts?: CustomTimeouts;
  importID?: string;
  retainOnDelete?: boolean;
  /** RFC 3339 time the resource was created (`created`), and last changed by an operation (`modified`). */
  created?: string;
  modified?: string;
  ignoreChanges?: string[];
  replaceOnChanges?: string[];
  /** The `replacementTrigger` option's value: a change replaces the resource. */
  replacementTrigger?: unknown;
}

/** An operation that was in flight when the checkpoint was written. */
export interface PendingOperation {
  resource: ResourceState;
  type: "creating" | "updating" | "deleting" | "reading" | "importing";
}

/** A stack's resources and in-flight operations. */
export interface Snapshot {
  resources: ResourceState[];
  pendingOperations: PendingOperation[];
}

/** Drops empty optional fields so written states stay as small as the CLI's. */
export function compactState(state: ResourceState): ResourceState {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(state)) {
    if (v === undefined || v === false || v === "") {
      if (k === "custom") out[k] = v;
      continue;
    }
    if (Array.isArray(v) && v.length === 0) continue;
    if ((k === "propertyDependencies" || k === "customTimeouts") && Object.keys(v as object).length === 0)
      continue;
    out[k] = v;
  }
  return out as unknown as ResourceState;
}

/** Every URN a state refers to: parent, dependencies, property dependencies. */
export function referencesOf(r: ResourceState): string[] {
  return [
    ...(r.parent ? [r.parent] : []),
    ...(r.dependencies ?? []),
    ...Object.values(r.propertyDependencies ?? {}).flat(),
  ];
}

/** The URNs that depend on `urn` (dependencies, property dependencies or parent), transitively, in state order. */
export function dependentsOf(resources: ResourceState[], urn: string): ResourceState[] {
  const found = new Set<string>([urn]);
  const result: ResourceState[] = [];
  for (const r of resources) {
    if (found.has(r.urn)) continue;
    if (referencesOf(r).some((d) => found.has(d))) {
      found.add(r.urn);
      result.push(r);
    }
  }
  return result;
}

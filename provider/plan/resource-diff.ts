/**
 * Diff of a resource's previous outputs against its new (checked) inputs (pure): which inputs
 * changed, and whether the change replaces the resource.
 */
import { containsUnknown } from "../model";
import { sameValue } from "./same-value";

/** What changed between two versions of a resource's inputs. */
export interface ResourceDiff {
  /** Inputs whose value differs (or is unknown at preview), sorted. */
  changedKeys: string[];
  /** The changed inputs that force a replacement. */
  replaces: string[];
  /**
   * Delete the old resource before creating its replacement (its name or path is reused). Never
   * for a move to another host: the replacement is created there first, then the old one deleted.
   */
  deleteBeforeReplace: boolean;
}

/** How one resource type compares its inputs. */
export interface DiffRules {
  /** Inputs that replace the resource when they change. */
  replaceKeys: readonly string[];
  /** Keys never compared: engine keys and outputs the provider computes. */
  ignoredKeys: readonly string[];
  /** Per-key normalization before comparing (e.g. case-insensitive paths). */
  normalize?: Partial<Record<string, (value: unknown) => unknown>>;
}

/** Compares `olds` (previous outputs) with `news` (new checked inputs) under `rules`. */
export function diffResource(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  rules: DiffRules,
): ResourceDiff {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  const changedKeys: string[] = [];
  for (const key of keys) {
    if (key.startsWith("__") || rules.ignoredKeys.includes(key)) continue;
    const normalize = rules.normalize?.[key] ?? ((v: unknown) => v);
    if (containsUnknown(news[key]) || !sameValue(normalize(olds[key]), normalize(news[key])))
      changedKeys.push(key);
  }
  changedKeys.sort();
  const replaces = changedKeys.filter((k) => rules.replaceKeys.includes(k));
  // On another host the replacement reuses nothing of the old one's: create it, then delete the old.
  const deleteBeforeReplace = replaces.length > 0 && !replaces.includes("host");
  return { changedKeys, replaces, deleteBeforeReplace };
}

/**
 * Sets of URNs given by `--target`, `--exclude` and `--replace` (pulumi/pulumi
 * `pkg/resource/deploy/deployment.go` `UrnTargets`): literal URNs, or globs where `*` matches
 * within a URN part (anything but `:`) and `**` matches anything. An empty list constrains nothing.
 */
export class UrnTargets {
  private readonly literals: Set<string>;
  private readonly globs: RegExp[];

  constructor(private readonly given: string[] = []) {
    this.literals = new Set(given.filter((u) => !u.includes("*")));
    this.globs = given.filter((u) => u.includes("*")).map(globToRegExp);
  }

  /** A copy that `add` can grow without changing this one. */
  clone(): UrnTargets {
    const copy = new UrnTargets(this.given);
    for (const urn of this.literals) copy.literals.add(urn);
    return copy;
  }

  /** Whether the URN is named, by literal or glob, in a constrained set (false for an empty one). */
  names(urn: string): boolean {
    return this.isConstrained() && this.contains(urn);
  }

  /** True when the set names something (an empty set contains every URN). */
  isConstrained(): boolean {
    return this.literals.size > 0 || this.globs.length > 0;
  }

  contains(urn: string): boolean {
    if (!this.isConstrained()) return true;
    return this.literals.has(urn) || this.globs.some((g) => g.test(urn));
  }

  /** Adds a URN found to be in the set (a dependent of a target, with `--target-dependents`). */
  add(urn: string): void {
    if (this.isConstrained()) this.literals.add(urn);
  }
}

function globToRegExp(glob: string): RegExp {
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = glob
    .split("**")
    .map((segment) => segment.split("*").map(quote).join("[^:]*"))
    .join(".*");
  return new RegExp(`^${pattern}$`);
}

/** What a run is narrowed to. */
export interface TargetOptions {
  targets: UrnTargets;
  targetDependents: boolean;
  excludes: UrnTargets;
  excludeDependents: boolean;
  replaceTargets: UrnTargets;
}

/** No narrowing: every resource is in the operation. */
export function untargeted(): TargetOptions {
  return {
    targets: new UrnTargets(),
    targetDependents: false,
    excludes: new UrnTargets(),
    excludeDependents: false,
    replaceTargets: new UrnTargets(),
  };
}

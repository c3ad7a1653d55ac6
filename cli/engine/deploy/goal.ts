/**
 * What a program's registration asks for (`resource.Goal` in pulumi/pulumi
 * `pkg/resource/goal.go`), and the alias URNs it names (`stepGenerator.generateAliases`). Pure.
 */
import type { PropertyMap } from "../properties";
import type { CustomTimeouts } from "../state";
import { makeUrn } from "../urn";

/** An alias: an old URN, or the parts of one that differ from the resource's own. */
export type Alias =
  | { urn: string }
  | {
      name?: string;
      type?: string;
      project?: string;
      stack?: string;
      parentUrn?: string;
      noParent?: boolean;
    };

/** A resource registration. */
export interface Goal {
  type: string;
  name: string;
  custom: boolean;
  parent?: string;
  inputs: PropertyMap;
  /** Unset keeps Pulumi's default (false). */
  protect?: boolean;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  deleteBeforeReplace?: boolean;
  additionalSecretOutputs: string[];
  retainOnDelete?: boolean;
  aliases: Alias[];
  customTimeouts?: CustomTimeouts;
  /** The `import` option: adopt the existing object with this id. */
  importId?: string;
  /** The `replacementTrigger` option (undefined: none). */
  replacementTrigger?: unknown;
  /** A remote (multi-language) component. */
  remote?: boolean;
  /** An explicit provider reference (`provider` option); empty for the default provider. */
  provider?: string;
  /** The program accepts secrets in the response (it asked with `acceptSecrets`). */
  acceptSecrets: boolean;
}

/** A `Resource.get` (ReadResource): an existing object the program reads but does not own. */
export interface ReadGoal {
  type: string;
  name: string;
  id: string;
  parent?: string;
  inputs: PropertyMap;
  dependencies: string[];
  provider?: string;
  additionalSecretOutputs: string[];
  acceptSecrets: boolean;
}

/** The URNs a goal's aliases name, in order, without the resource's own URN. */
export function aliasUrns(stack: string, project: string, goal: Goal): string[] {
  const urns: string[] = [];
  for (const alias of goal.aliases) {
    let urn: string;
    if ("urn" in alias) urn = alias.urn;
    else {
      const parent = alias.noParent ? undefined : (alias.parentUrn ?? goal.parent);
      urn = makeUrn(
        alias.stack ?? stack,
        alias.project ?? project,
        parent,
        alias.type ?? goal.type,
        alias.name ?? goal.name,
      );
    }
    if (!urns.includes(urn)) urns.push(urn);
  }
  return urns;
}

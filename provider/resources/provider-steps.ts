/**
 * The steps every resource provider takes the same way: check parses the inputs with the model,
 * diff reports a pure plan, create and update work on re-parsed inputs, and a read whose object
 * is gone (the read script's own not-found, never any other error) leaves the state.
 *
 * A resource's outputs record the host it lives on, its `host` input or else the `hyperv:host` it
 * was created with, so that read, update and delete reach that host even after `hyperv:host`
 * changes, and diff reports the change of host as a replacement instead of losing track of it.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ParseResult } from "../model";
import type { ResourceDiff } from "../plan/resource-diff";
import { NotFoundError } from "../powershell";
import { resolveHost, settingsProblem } from "./host-pools";
import { invalidInputsError } from "./provider-errors";

type Props = Record<string, unknown>;

/**
 * A provider's `check`: the parsed spec (with defaults) as the inputs, or every failure. A refused
 * stack config (e.g. a misspelt `hyperv:host`) fails every resource's check, so the deployment stops
 * before its first step.
 */
export function checkWith<T extends object>(
  parse: (news: Props, olds: Props) => ParseResult<T>,
): (olds: Props, news: Props) => Promise<pulumi.dynamic.CheckResult> {
  return async (olds, news) => {
    const parsed = parse(news, olds);
    const problem = settingsProblem();
    const failures = [
      ...(problem === undefined ? [] : [{ property: "", reason: problem }]),
      ...(parsed.ok ? [] : parsed.failures),
    ];
    return parsed.ok && failures.length === 0 ? { inputs: { ...parsed.spec } } : { inputs: news, failures };
  };
}

/** A provider's `diff` from a pure diff plan. */
export function diffWith(
  plan: (olds: Props, news: Props) => ResourceDiff,
): (id: string, olds: Props, news: Props) => Promise<pulumi.dynamic.DiffResult> {
  return async (_id, olds, news) => {
    // State written before outputs recorded the host: it is on the configured one.
    const recordedHost = typeof olds.host === "string" ? olds.host : resolveHost(undefined);
    const diff = plan(
      { ...olds, host: recordedHost },
      { ...news, host: resolveHost(news.host as string | undefined) },
    );
    return {
      changes: diff.changedKeys.length > 0,
      replaces: diff.replaces,
      deleteBeforeReplace: diff.deleteBeforeReplace,
    };
  };
}

/**
 * The spec of inputs that passed check, with the host resolved (its `host` input, else
 * `hyperv:host`). The engine never sends create or update inputs that failed check, so a failure
 * here is a programming error, reported with every reason.
 */
export function specParser<T extends { host?: string }>(
  resource: string,
  parse: (inputs: Props) => ParseResult<T>,
): (inputs: Props) => T & { host: string } {
  return (inputs) => {
    const parsed = parse(inputs);
    if (!parsed.ok) throw invalidInputsError(resource, parsed.failures);
    return { ...parsed.spec, host: resolveHost(parsed.spec.host) };
  };
}

/** A provider's `read`: the object's properties, or an empty id when the host no longer has it. */
export async function readOrGone<T extends object>(
  id: string,
  read: () => Promise<T>,
): Promise<pulumi.dynamic.ReadResult<T | Record<string, never>>> {
  try {
    return { id, props: await read() };
  } catch (error) {
    if (error instanceof NotFoundError) return { id: "", props: {} };
    throw error;
  }
}

/**
 * Config keys as the Pulumi CLI parses them (`config.ParseKey`, `ParseConfigKey` with `--path`):
 * `namespace:name` or `name` (the project's namespace), and with `--path` a property path into the
 * value: `outer.inner`, `names[0]`, `["dotted.name"]`. Pure.
 */
import { UsageError } from "./errors";

/** A parsed key: the top-level namespaced key and the path below it. */
export interface ConfigKey {
  /** `namespace:name`, as written in the stack file. */
  key: string;
  /** Map keys and list indexes below the top-level value (empty without `--path`). */
  path: (string | number)[];
}

/** Splits a property path (`a.b[0]["c.d"]`) into its segments. */
export function parsePropertyPath(text: string): (string | number)[] {
  const segments: (string | number)[] = [];
  let i = 0;
  const fail = () => {
    throw new UsageError(`invalid configuration key: invalid property path "${text}"`);
  };
  while (i < text.length) {
    if (text[i] === "[") {
      const close = text.indexOf("]", i);
      if (close < 0) fail();
      const inner = text.slice(i + 1, close);
      if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (/^"[^"]*"$/.test(inner)) segments.push(inner.slice(1, -1));
      else fail();
      i = close + 1;
      if (text[i] === ".") i++;
      continue;
    }
    let end = i;
    while (end < text.length && text[end] !== "." && text[end] !== "[") end++;
    if (end === i) fail();
    segments.push(text.slice(i, end));
    i = end;
    if (text[i] === ".") {
      i++;
      if (i === text.length) fail();
    }
  }
  if (segments.length === 0) fail();
  return segments;
}

/** Parses a key given on the command line; `project` is the default namespace. */
export function parseConfigKey(text: string, project: string, path = false): ConfigKey {
  if (!path) {
    const key = text.includes(":") ? text : `${project}:${text}`;
    if (key.startsWith(":") || key.endsWith(":"))
      throw new UsageError(`invalid configuration key "${text}": expected namespace:name or name`);
    return { key, path: [] };
  }
  const colon = text.indexOf(":");
  const head = /^[^.[]+:/.test(text) ? text.slice(0, colon + 1) : "";
  const segments = parsePropertyPath(text.slice(head.length));
  const first = segments[0];
  if (typeof first !== "string")
    throw new UsageError(`invalid configuration key "${text}": the path must start with a name`);
  const namespace = head ? head.slice(0, -1) : project;
  return { key: `${namespace}:${first}`, path: segments.slice(1) };
}

/** `project:name` shown as `name` for the project's own keys (`PrettyKey`). */
export function prettyKey(key: string, project: string): string {
  return key.startsWith(`${project}:`) ? key.slice(project.length + 1) : key;
}

/** A value set with `--path`: `true`/`false` become booleans, integers numbers (as the CLI does). */
export function pathValue(text: string): string | number | boolean {
  if (text === "true") return true;
  if (text === "false") return false;
  if (/^-?(0|[1-9]\d*)$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  return text;
}

/**
 * The outputs docs/resources.md documents and the ones the classes declare, for the specs that hold them
 * against each other and against what the providers really return.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { declaredOutputs } from "../../../provider/tools/render-resource-tables";

const README = join(__dirname, "..", "..", "..", "docs", "resources.md");

/** The output names of docs/resources.md's "Outputs of `className`" table, in table order. */
export function documentedOutputs(className: string): string[] {
  const readme = readFileSync(README, "utf8");
  const start = readme.indexOf(`Outputs of \`${className}\`:`);
  if (start < 0) throw new Error(`docs/resources.md has no outputs table of ${className}`);
  const rows = readme.slice(start).split("\n").slice(2);
  const table = rows.slice(
    0,
    rows.findIndex((line, i) => i > 0 && !line.startsWith("|")),
  );
  return table.slice(2).map((line) => /^\|\s*`([^`]+)`/.exec(line)![1]);
}

/** A resource's declared outputs: all of them, and those that are always set (no `undefined` in the type). */
export function outputsOf(className: string): { all: string[]; always: string[] } {
  const rows = declaredOutputs()[className];
  if (!rows) throw new Error(`no declared outputs of ${className}`);
  return {
    all: rows.map((r) => r.name),
    always: rows.filter((r) => !/\bundefined\b/.test(r.type)).map((r) => r.name),
  };
}

/**
 * Checks a provider's real outputs against the declaration: every key it returns is a declared
 * output, and every output that is always set is there. Returns the problems, empty when none.
 */
export function outputProblems(className: string, outs: Record<string, unknown>): string[] {
  const { all, always } = outputsOf(className);
  const returned = Object.keys(outs).filter((k) => !k.startsWith("__"));
  return [
    ...returned.filter((k) => !all.includes(k)).map((k) => `${className} returns undeclared output ${k}`),
    ...always
      .filter((k) => outs[k] === undefined)
      .map((k) => `${className} declares output ${k} but the provider did not set it`),
  ];
}

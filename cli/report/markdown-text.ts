/**
 * Program-controlled text (resource names, types, policy messages, diagnostics) written into a
 * report: one line, every invisible or direction-changing character shown as its code point, and in
 * Markdown escaped so it can only ever be text. Mentions, e-mail addresses and URLs become code
 * spans, which GitHub neither links nor notifies. Pure.
 */

/** Zero-width, joiner, bidi, BOM, tag and other invisible format characters. */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- each listed code point stands alone
  /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;
// eslint-disable-next-line no-control-regex
const BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * The text on one line, as a reader sees it: line breaks and control characters become a space,
 * invisible and direction-changing characters their code point (`U+202E`).
 */
export function visibleText(s: string): string {
  return s
    .replace(INVISIBLE, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`)
    .replace(BREAKS_AND_CONTROLS, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** Where a piece of text goes: a GFM table cell also needs its pipes escaped, even in code spans. */
export interface MarkdownPlace {
  inTable?: boolean;
}

/** The text as an inline code span (one line, no backtick can close it early). */
export function markdownCode(s: string, place: MarkdownPlace = {}): string {
  let body = visibleText(s);
  if (body === "") return "(empty)";
  if (place.inTable) body = body.replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(body) ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A word GitHub would link or notify from: a mention or address (`@`), a URL, a `www.` name. */
const LINKABLE = /@|:\/\/|^www\./i;

/**
 * The characters that start inline syntax (code, emphasis, strikethrough, links, images, HTML,
 * comments, entities, math, table cells) or, for `#`, a heading. The text is never at the start of
 * a line, so block syntax (lists, quotes, setext underlines) cannot begin inside it.
 */
const INLINE_SYNTAX = /[\\`*_[\]<>!|#&~$]/g;

/**
 * The text as Markdown inline text that renders as exactly these characters: every character that
 * could start Markdown or HTML syntax backslash-escaped, and each linkable word as a code span.
 */
export function markdownText(s: string, place: MarkdownPlace = {}): string {
  const line = visibleText(s);
  if (line === "") return "(empty)";
  return line
    .split(" ")
    .map((word) => (LINKABLE.test(word) ? markdownCode(word, place) : word.replace(INLINE_SYNTAX, "\\$&")))
    .join(" ");
}

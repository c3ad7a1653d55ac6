/**
 * The commands of a page of the docs (README.md, docs/*.md), by the rules docs/development.md states
 * ("Commands in the docs"): every line of a ```sh block is one command, run from the repository root (`\` continues a line, a trailing `# comment` explains it,
 * `# exits N: ...` expects that exit status); every line of a ```powershell block is PowerShell for the
 * Windows host. Which commands a test cannot run here is one rule, `skipReason`.
 */

/** A command of a page. */
export interface ReadmeCommand {
  /** Line number (1-based) where the command starts. */
  line: number;
  /** The language of its block: `sh`, or `powershell` for the Windows host. */
  language: "sh" | "powershell";
  /** The command without its trailing comment. */
  text: string;
  /** The exit status its comment announces (`# exits N: ...`); 0 otherwise. */
  expectedExit: number;
  /** How many commands before it have the same text, plus one. */
  occurrence: number;
}

/** The fenced block languages a page may use; any other could hide commands from the test. */
export const BLOCK_LANGUAGES = ["sh", "powershell", "text", "ts", "json", "yaml"] as const;

/** A ```` ``` ```` fence line: its language, or "" for a closing fence. */
const FENCE = /^```([\w-]*)\s*$/;

/** A trailing comment: a `#` after whitespace, outside quotes (the pages' commands use none in quotes). */
const TRAILING_COMMENT = /(^|\s+)#(\s.*)?$/;

/** Splits a line into the command and its comment. */
function withoutComment(line: string): { text: string; comment: string } {
  const match = TRAILING_COMMENT.exec(line);
  if (!match) return { text: line.trim(), comment: "" };
  return { text: line.slice(0, match.index).trim(), comment: (match[2] ?? "").trim() };
}

/**
 * The commands of a page in order, and the languages of its blocks; `file` names the page in errors.
 *
 * @throws Error naming the file and line of a block that is never closed.
 */
export function readmeCommands(
  markdown: string,
  file = "README.md",
): { commands: ReadmeCommand[]; languages: string[] } {
  // HTML comments may mention fences; blank them out, keeping the line numbers.
  const lines = markdown.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, "")).split("\n");
  const commands: ReadmeCommand[] = [];
  const languages: string[] = [];
  const seen = new Map<string, number>();
  let language: string | undefined;
  let opened = 0;
  let pending: { line: number; text: string } | undefined;
  for (const [index, raw] of lines.entries()) {
    const fence = FENCE.exec(raw);
    if (fence && language === undefined) {
      language = fence[1];
      opened = index + 1;
      languages.push(language);
      continue;
    }
    if (fence && fence[1] === "") {
      if (pending)
        throw new Error(`${file} line ${pending.line}: a command ends in "\\" at the end of its block`);
      language = undefined;
      continue;
    }
    if (language !== "sh" && language !== "powershell") continue;
    const continued = pending ? `${pending.text} ${raw.trim()}` : raw;
    const start = pending?.line ?? index + 1;
    if (continued.trimEnd().endsWith("\\")) {
      pending = { line: start, text: continued.trimEnd().slice(0, -1).trimEnd() };
      continue;
    }
    pending = undefined;
    const { text, comment } = withoutComment(continued);
    if (text === "") continue;
    const occurrence = (seen.get(text) ?? 0) + 1;
    seen.set(text, occurrence);
    const exits = /^exits (\d+)\b/.exec(comment);
    commands.push({
      line: start,
      language,
      text,
      expectedExit: exits ? Number(exits[1]) : 0,
      occurrence,
    });
  }
  if (language !== undefined) throw new Error(`${file} line ${opened}: a \`\`\` block is never closed`);
  return { commands, languages };
}

/** The steps of a command line: the parts joined by `&&`. */
export function stepsOf(command: string): string[] {
  return command.split(/\s+&&\s+/).map((step) => step.trim());
}

/** A kind of command that a test cannot run here, with why. */
export interface SkipRule {
  reason: string;
  /** Whether a step (one part of a `&&` chain) is of this kind. */
  matches: (step: string) => boolean;
}

/** Cmdlets and programs that exist only on a Windows host. */
const WINDOWS_ONLY =
  /\b(Add-WindowsCapability|Install-WindowsFeature|Get-WindowsFeature|Enable-PSRemoting|Set-Service|Start-Service|Restart-Service|Add-LocalGroupMember|New-NetFirewallRule|powershell\.exe)\b/i;

/** What a test cannot run here: one rule per reason, nothing else. */
export const SKIP_RULES: readonly SkipRule[] = [
  {
    reason:
      "runs the test suite (which runs this test) or part of it; `.ci/run` runs the suite, checked against the README",
    matches: (step) => /^npm (test|t)(\s|$)/.test(step) || /^npm run test:/.test(step),
  },
  {
    reason: "reinstalls node_modules, which the copy shares with the repository",
    matches: (step) => /^npm (ci|clean-install)(\s|$)/.test(step),
  },
  {
    reason: "needs the Pulumi CLI",
    matches: (step) => /^pulumi(\s|$)/.test(step),
  },
  {
    reason: "needs a real Hyper-V host (Windows)",
    matches: (step) =>
      /\b(ssh|winrm):\/\//i.test(step) || /--host[\s=]+local\b/.test(step) || WINDOWS_ONLY.test(step),
  },
  {
    reason: "packs the package, a full build (test/package/install.spec.ts packs, installs and deploys it)",
    matches: (step) => /^npm pack(\s|$)/.test(step),
  },
  {
    reason:
      "runs every benchmark, for minutes (`npm run bench -- <name>` runs one, and docs/development.md's does)",
    matches: (step) => /^npm run bench\s*$/.test(step),
  },
  {
    reason:
      "checks the whole source tree statically, a minute of this test's budget; every change is checked with it before it lands",
    matches: (step) => /^npm run (build|lint)\s*$/.test(step),
  },
];

/**
 * Why a command cannot run here, or `undefined` when it can. Of a shell command, the steps a rule
 * matches are left out, and when nothing but `cd` is left the whole command is skipped. A PowerShell
 * line is matched as a whole (the pages have PowerShell only for the Windows host).
 */
export function skipReason(command: Pick<ReadmeCommand, "language" | "text">): string | undefined {
  if (command.language === "powershell") {
    return SKIP_RULES.find((rule) => rule.matches(command.text))?.reason;
  }
  const steps = stepsOf(command.text);
  const reasons = steps.map((step) => SKIP_RULES.find((rule) => rule.matches(step))?.reason);
  const runnable = steps.filter((step, i) => reasons[i] === undefined && !/^cd(\s|$)/.test(step));
  if (runnable.length > 0) return undefined;
  const found = reasons.filter((r): r is string => r !== undefined);
  return found.length > 0 ? [...new Set(found)].join("; ") : undefined;
}

/** The part of a command a test runs: its steps without those a rule skips. */
export function runnablePart(command: string): string {
  return stepsOf(command)
    .filter((step) => !SKIP_RULES.some((rule) => rule.matches(step)))
    .join(" && ");
}

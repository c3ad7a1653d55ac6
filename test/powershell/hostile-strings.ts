/**
 * Strings that would run code, break quoting or desynchronize the line protocol if they were ever spliced
 * into PowerShell source. Each canary command creates the file named by $env:HYPERV_TEST_CANARY.
 */

export const CANARY_VARIABLE = "HYPERV_TEST_CANARY";

export const CANARY_COMMANDS = [
  "New-Item -ItemType File -Force -Path $env:HYPERV_TEST_CANARY",
  "Set-Content -Path $env:HYPERV_TEST_CANARY -Value pwned",
  "[IO.File]::WriteAllText($env:HYPERV_TEST_CANARY, 'pwned')",
];

/**
 * How a naive template tag renders a string into PowerShell source: double quotes, or single quotes when
 * the value contains a double quote, without escaping. Only the control test uses it, to show the strings
 * would do harm if spliced.
 */
export function naiveQuote(value: string): string {
  return value.includes('"') ? `'${value}'` : `"${value}"`;
}

/** Ways to smuggle a command `c` out of a string literal, a command line or a here-string. */
export const INJECTION_TEMPLATES: ReadonlyArray<(c: string) => string> = [
  (c) => `$(${c})`,
  (c) => `"$(${c})"`,
  (c) => `'; ${c}; '`,
  (c) => `'; ${c}; #`,
  (c) => `"; ${c}; "`,
  (c) => `"; ${c}; #`,
  (c) => `\u2018; ${c}; \u2018`,
  (c) => `\u2019; ${c}; \u2019`,
  (c) => `\u201A; ${c}; \u201A`,
  (c) => `\u201B; ${c}; \u201B`,
  (c) => `\u201C; $(${c}); \u201C`,
  (c) => `\u201D; ${c}; \u201D`,
  (c) => `\u201E; ${c}; \u201E`,
  (c) => `''; ${c}; ''`,
  (c) => `\`'; ${c}; \``,
  (c) => `| ${c}`,
  (c) => `; ${c}`,
  (c) => `& { ${c} }`,
  (c) => `&& ${c}`,
  (c) => `|| ${c}`,
  (c) => `\n${c}\n`,
  (c) => `\r${c}\r`,
  (c) => `\r\n${c}\r\n\r\n`,
  (c) => `'\n${c}\n'`,
  (c) => `@'\n${c}\n'@`,
  (c) => `@"\n$(${c})\n"@`,
  (c) => `'@\n${c}\n@'`,
  (c) => `<# #> ${c}`,
  (c) => `#>\n${c}`,
  (c) => `--% ${c}`,
  (c) => `@(${c})`,
  (c) => `\${${c}}`,
  (c) => `' -Nonce '00000000000000000000000000000000'; ${c}; #`,
  (c) => `' + (${c}) + '`,
  (c) => `" + $(${c}) + "`,
  (c) => `\u0000'; ${c}`,
  (c) => `\`n${c}`,
  (c) => `}; ${c}; {`,
  (c) => `); ${c}; (`,
  (c) => `]; ${c}; [`,
  (c) => `\u2028${c}\u2029`,
  (c) => `\u0085${c}`,
  (c) => `%{${c}}`,
  (c) => `$([scriptblock]::Create("${c}").Invoke())`,
  (c) => `iex '${c.replace(/'/g, "''")}'`,
  (c) => `{"value":"x"}; ${c}`,
  (c) => `\\"; ${c}; #`,
  (c) => `x"'; ${c}; #`,
];

/** Single characters and short sequences with a special meaning somewhere along the path. */
export const ATOMS = [
  "'",
  '"',
  "`",
  "$",
  "@",
  "#",
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ";",
  "|",
  "&",
  "<",
  ">",
  "%",
  "\\",
  "/",
  "\u2018",
  "\u2019",
  "\u201A",
  "\u201B",
  "\u201C",
  "\u201D",
  "\u201E",
  "\r",
  "\n",
  "\r\n",
  "\t",
  "\u0000",
  "\u0007",
  "\u001b[31m",
  "\u2028",
  "\u2029",
  "\u0085",
  "\ufeff",
  "@'",
  "'@",
  '@"',
  '"@',
  "<#",
  "#>",
  "--%",
  "$_",
  "${}",
  "$null",
  "$true",
  "-Force",
  "\\u0000",
  '\\"',
  "\\n",
  "\b\f",
  "é",
  "ß",
  "Ω",
  "中文",
  "日本語",
  "한국어",
  "😀",
  "👩‍👩‍👧‍👦",
  "🏳️‍🌈",
  "e\u0301",
  "\u200b",
  "\u200d",
  "שלום",
  "مرحبا",
  "\u202eevil\u202c",
  "\u200fRTL\u200e",
];

/** Values that look like something other than a string to a JSON or PowerShell parser. */
export const LOOK_ALIKES = [
  "",
  " ",
  "   ",
  "null",
  "true",
  "false",
  "0",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "0x10",
  "1,2,3",
  "2024-01-01T00:00:00Z",
  "2024-01-01T00:00:00.0000000+02:00",
  "/Date(0)/",
  "\\/Date(0)\\/",
  "{}",
  "[]",
  '{"a":1}',
  "[1,2]",
  '"quoted"',
  "]}",
  "C:\\VMs\\web 01\\disk.vhdx",
  "\\\\server\\share\\x",
  "web[1]",
  "db*",
  "name?",
  "$env:PATH",
  "${env:PATH}",
  "@{a=1}",
  "[scriptblock]",
  "Get-ChildItem",
];

/** Every hostile string of the suite (at least 300, all distinct). */
export function hostileStrings(): string[] {
  const strings = new Set<string>();
  for (const template of INJECTION_TEMPLATES) {
    for (const command of CANARY_COMMANDS) strings.add(template(command));
    strings.add(`vm-${template(CANARY_COMMANDS[0])}-tail`);
  }
  for (const atom of ATOMS) {
    strings.add(atom);
    strings.add(`a${atom}b`);
    strings.add(atom.repeat(3));
  }
  for (const lookAlike of LOOK_ALIKES) strings.add(lookAlike);
  strings.add(ATOMS.join(""));
  strings.add(ATOMS.join(" "));
  strings.add("'".repeat(100_000));
  strings.add("😀".repeat(50_000));
  strings.add(
    INJECTION_TEMPLATES.map((template) => template(CANARY_COMMANDS[1]))
      .join("")
      .repeat(40)
      .slice(0, 100_000),
  );
  strings.add("x".repeat(100_000));
  return [...strings];
}

import { strict as assert } from "node:assert";
import {
  encodePayload,
  initializeCommandLine,
  newNonce,
  operationCommandLine,
} from "../../provider/powershell/command-line";
import { readEnvelope } from "../../provider/powershell/envelope";
import { resolvePoolOptions } from "../../provider/powershell/options";
import { redact, writeSecretsFile } from "../../provider/powershell/secrets";
import { readBetweenDelimiters } from "../../provider/powershell/shell";
import { PassThrough } from "node:stream";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

describe("the line protocol", () => {
  it("builds one ASCII line from a valid operation, base64 JSON and a hex nonce", () => {
    const nonce = newNonce();
    assert.match(nonce, /^[0-9a-f]{32}$/);
    assert.notEqual(newNonce(), nonce);
    const payload = encodePayload({ name: "x'\n\u201C😀" });
    assert.deepEqual(JSON.parse(Buffer.from(payload, "base64").toString("utf8")), { name: "x'\n\u201C😀" });
    const line = operationCommandLine("vm-create", payload, nonce);
    assert.equal(line, `Invoke-HvOperation -Operation 'vm-create' -Payload '${payload}' -Nonce '${nonce}'`);
    assert.match(line, /^[\x20-\x7e]+$/);
    assert.equal(encodePayload(undefined), Buffer.from("null").toString("base64"));
  });

  it("refuses anything that is not a plain operation name", () => {
    for (const bad of ["", "Echo", "echo'", "echo;x", "echo\n", "../echo", "echo-", "-echo", "vm create"]) {
      assert.throws(
        () => operationCommandLine(bad, "", newNonce()),
        /not a valid operation name/,
        JSON.stringify(bad),
      );
    }
    assert.throws(() => operationCommandLine("echo", "'; x", newNonce()), /not base64/);
    assert.throws(() => operationCommandLine("echo", "", "x'"), /invalid nonce/);
    assert.throws(() => encodePayload(() => 1), /payload: cannot be represented as JSON/);
  });

  it("starts a session without putting any path into the command", () => {
    const line = initializeCommandLine("0".repeat(32));
    assert.match(line, /Import-Module -Name \$env:HYPERV_PS_PRELUDE /);
    assert.match(line, /^[\x20-\x7e]+$/);
  });
});

describe("reading the envelope", () => {
  const nonce = "a".repeat(32);
  const ok = `@@HYPERV ${nonce} {"ok":true,"data":{"x":1},"warnings":["w"],"error":null}`;

  it("finds the line behind its nonce among other output", () => {
    const read = readEnvelope(`noise\r\n@@HYPERV ${"b".repeat(32)} {}\n${ok}\nmore noise`, nonce);
    assert.deepEqual(read, { envelope: { ok: true, data: { x: 1 }, warnings: ["w"], error: null } });
  });

  it("reports a missing, unparsable or misshapen envelope", () => {
    assert.deepEqual(readEnvelope("nothing here", nonce), {
      problem: "missing",
      detail: "no envelope line in the output",
    });
    assert.equal(
      (readEnvelope(`@@HYPERV ${nonce} {oops`, nonce) as { problem: string }).problem,
      "malformed",
    );
    assert.equal(
      (readEnvelope(`@@HYPERV ${nonce} {"ok":1}`, nonce) as { problem: string }).problem,
      "malformed",
    );
  });
});

describe("secrets handling", () => {
  it("writes secrets to a file only the owner can read, and removes it on dispose", () => {
    const file = writeSecretsFile({ password: "hunter2" })!;
    try {
      assert.deepEqual(JSON.parse(readFileSync(file.path, "utf8")), { password: "hunter2" });
      if (process.platform !== "win32") assert.equal(statSync(file.path).mode & 0o777, 0o600);
    } finally {
      file.dispose();
    }
    assert.equal(existsSync(file.path), false);
    assert.equal(writeSecretsFile({}), undefined);
  });

  it("redacts every occurrence of every secret", () => {
    assert.equal(
      redact("a hunter2 b hunter2 s3", { one: "hunter2", two: "s3", empty: "" }),
      "a *** b *** ***",
    );
  });
});

describe("no PowerShell source is built from values", () => {
  const root = join(__dirname, "..", "..");
  const forbidden = [
    { pattern: /\bPowerShell\s*\.\s*\$\$?\s*`/, what: "node-powershell's $ template tag" },
    { pattern: /\bPowerShell\s*\.\s*(command|convertToShell)\b/, what: "node-powershell's command builder" },
    { pattern: /\bPowerShell\s*\.\s*converters\b/, what: "node-powershell's converters" },
  ];

  function sourceFiles(directory: string): string[] {
    if (!existsSync(directory)) return [];
    return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
      return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [path] : [];
    });
  }

  it("never uses node-powershell's template tag, command builder or converters", () => {
    const files = ["provider", "policies", "examples", "bench"].flatMap((dir) =>
      sourceFiles(join(root, dir)),
    );
    files.push(...["index.ts"].map((file) => join(root, file)).filter((file) => existsSync(file)));
    assert.ok(
      files.some((file) => file.endsWith(join("powershell", "session.ts"))),
      "the runtime is scanned",
    );
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const { pattern, what } of forbidden) {
        assert.ok(!pattern.test(text), `${relative(root, file)} uses ${what}`);
      }
    }
    assert.ok(
      forbidden[0].pattern.test("PowerShell.$`Get-VM -Name ${name}`"),
      "the check recognizes the tag",
    );
  });
});

describe("reading one invocation's output between node-powershell's delimiters", () => {
  const delimiter = "AbCdEfGhIjKlMnOp";

  async function read(chunks: string[]): Promise<string> {
    const stream = new PassThrough();
    stream.setEncoding("utf8");
    const result = readBetweenDelimiters(stream, delimiter);
    for (const chunk of chunks) stream.write(chunk);
    return (await result).toString("utf8");
  }

  it("finds a whole CRLF frame that arrives in one chunk (Windows pwsh)", async () => {
    assert.equal(await read([`${delimiter}\r\nout\r\n${delimiter}\r\n`]), "out");
    assert.equal(await read([`${delimiter}\r\n${delimiter}\r\n`]), "");
  });

  it("finds a frame after stray output, and delimiters split across chunks", async () => {
    assert.equal(await read([`${"stray output ".repeat(5)}\n${delimiter}\nout\n${delimiter}\n`]), "out");
    assert.equal(
      await read([
        delimiter.slice(0, 5),
        `${delimiter.slice(5)}\nline 1\nline`,
        ` 2\n${delimiter.slice(0, 9)}`,
        delimiter.slice(9),
      ]),
      "line 1\nline 2",
    );
  });
});

describe("pool options", () => {
  it("default to 3 sessions, 60 s reads, 5 min writes, 30 s starts, 60 s idle, the simulator host", () => {
    const options = resolvePoolOptions({}, () => "/opt/pwsh");
    assert.deepEqual(options, {
      size: 3,
      idleTimeoutMs: 60_000,
      host: "simulator",
      connection: {},
      simulatorStateDir: undefined,
      env: {},
      secrets: {},
      scriptDirectories: [],
      pwshPath: "/opt/pwsh",
      startTimeoutMs: 30_000,
      readTimeoutMs: 60_000,
      writeTimeoutMs: 300_000,
    });
  });

  it("name the option at fault", () => {
    const fake = () => "pwsh";
    assert.throws(() => resolvePoolOptions({ size: 1.5 }, fake), /pool options\.size: /);
    assert.throws(() => resolvePoolOptions({ readTimeoutMs: 0 }, fake), /pool options\.readTimeoutMs: /);
    assert.throws(
      () => resolvePoolOptions({ env: { A: 1 as unknown as string } }, fake),
      /pool options\.env\.A: /,
    );
    assert.throws(
      () => resolvePoolOptions({ scriptDirectories: [""] }, fake),
      /pool options\.scriptDirectories\.0: /,
    );
  });
});

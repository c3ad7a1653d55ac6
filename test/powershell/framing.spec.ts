import { strict as assert } from "node:assert";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import fc from "fast-check";
import { HyperVError, InvalidArgumentError, NotFoundError } from "../../provider/powershell";
import { readEnvelope } from "../../provider/powershell/envelope";
import { readBetweenDelimiters } from "../../provider/powershell/shell";
import { PoolTracker, scratchDirectory } from "./support";

describe("framing: what a script writes cannot break the envelope", function () {
  const pools = new PoolTracker();
  const scratch = scratchDirectory();
  after(async () => {
    await pools.closeAll();
    scratch.dispose();
  });

  it("reads the envelope after console output that has no final newline, and keeps the session", async () => {
    const pool = pools.create({ size: 1 });
    for (const text of ["x", "@@HYPERV ", "partial line \u00e9"]) {
      const outcome = await pool.invokeWithDetails("partial-output", { text });
      assert.deepEqual(outcome.data, { answer: 42 }, JSON.stringify(text));
      const next = await pool.invokeWithDetails("echo", "next");
      assert.equal(next.data, "next");
      assert.equal(next.processId, outcome.processId, "the session stays in use");
    }
  });

  it("finds the envelope wherever its marker starts on a line", () => {
    const nonce = "c".repeat(32);
    const envelope = `{"ok":true,"data":7,"warnings":[],"error":null}`;
    assert.deepEqual(readEnvelope(`x@@HYPERV ${nonce} ${envelope}\r\n`, nonce), {
      envelope: { ok: true, data: 7, warnings: [], error: null },
    });
    assert.deepEqual(readEnvelope(`stray@@HYPERV ${nonce} ${envelope}`, nonce), {
      envelope: { ok: true, data: 7, warnings: [], error: null },
    });
  });

  it("reports `exit` in an operation script as an error before any of the script runs", async () => {
    const pool = pools.create({ size: 1 });
    const first = await pool.invokeWithDetails("echo", 1);
    for (const code of [3, 0]) {
      const markerFile = join(scratch.path, `exit-${code}`);
      await assert.rejects(pool.invoke("calls-exit", { markerFile, code }), (error: unknown) => {
        assert.ok(error instanceof HyperVError, String(error));
        assert.ok(!(error instanceof NotFoundError) && !(error instanceof InvalidArgumentError));
        assert.equal(error.fullyQualifiedErrorId, "OperationCallsExit");
        assert.equal(error.category, "InvalidResult");
        return true;
      });
      assert.equal(existsSync(markerFile), false, "the script did not run");
    }
    await assert.rejects(pool.invoke("exits-in-function"), /calls 'exit' \(line 3\)/);
    const after = await pool.invokeWithDetails("echo", 2);
    assert.equal(after.processId, first.processId, "the session survives");
  });
});

describe("reading one invocation's output, in any chunking", () => {
  const delimiter = "QrStUvWxYz012345";

  async function read(chunks: string[]): Promise<string> {
    const stream = new PassThrough();
    stream.setEncoding("utf8");
    const result = readBetweenDelimiters(stream, delimiter);
    for (const chunk of chunks) stream.write(chunk);
    return (await result).toString("utf8");
  }

  /** Cuts `text` at the given offsets (sorted, deduplicated, within the text). */
  function cut(text: string, offsets: number[]): string[] {
    const points = [...new Set(offsets.map((offset) => offset % (text.length + 1)))].sort((a, b) => a - b);
    const chunks: string[] = [];
    let from = 0;
    for (const point of points) {
      chunks.push(text.slice(from, point));
      from = point;
    }
    chunks.push(text.slice(from));
    return chunks.filter((chunk) => chunk.length > 0);
  }

  it("returns exactly the text between the delimiters, however the stream is cut", async () => {
    const body = fc.string({
      unit: fc.constantFrom("a", "b", "\n", "\r", " ", "é", "Q", "5", "@"),
      maxLength: 80,
    });
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.string({ maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (text, stray, offsets) => {
          const frame = `${stray.replaceAll(delimiter, "")}${delimiter}\n${text}\n${delimiter}\nafter`;
          const expected = text.replace(/^[\r\n ]+|[\r\n ]+$/g, "");
          assert.equal(await read(cut(frame, offsets)), expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads a large output delivered in many small chunks", async () => {
    const line = `${"0123456789".repeat(10)}\n`;
    const text = line.repeat(20_000);
    const chunks = [
      `${delimiter}\n`,
      ...cut(
        text,
        Array.from({ length: 5_000 }, (_, i) => i * 401),
      ),
      `${delimiter}\n`,
    ];
    assert.equal(await read(chunks), text.trimEnd());
  });
});

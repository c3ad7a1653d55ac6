import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { resolvePwshPath, type SessionPool } from "../../provider/powershell";
import {
  CANARY_COMMANDS,
  CANARY_VARIABLE,
  INJECTION_TEMPLATES,
  hostileStrings,
  naiveQuote,
} from "./hostile-strings";
import { PoolTracker, scratchDirectory } from "./support";

/**
 * The prelude's branches for older PowerShell versions, forced on this pwsh (HYPERV_PS_PRELUDE_AS_VERSION):
 * every string must round-trip through each of them. `undefined` is the branch of the pwsh that runs.
 */
const BRANCHES: Array<string | undefined> = [undefined, "7.4", "5.1"];

for (const branch of BRANCHES) {
  const title = branch ? ` (the prelude as PowerShell ${branch} runs it)` : "";
  const everything = branch === undefined;

  describe(`hostile strings are only ever data${title}`, function () {
    const pools = new PoolTracker();
    const scratch = scratchDirectory();
    const canary = join(scratch.path, "canary");
    const strings = hostileStrings();
    let pool: SessionPool;

    before(() => {
      const forced: Record<string, string> = branch ? { HYPERV_PS_PRELUDE_AS_VERSION: branch } : {};
      pool = pools.create({ size: 2, env: { [CANARY_VARIABLE]: canary, ...forced } });
    });
    after(async () => {
      await pools.closeAll();
      scratch.dispose();
    });

    it("runs the prelude branch it is told to", async function () {
      const version = await pool.invoke<string>("prelude-branch");
      if (branch) assert.equal(version, branch);
      else assert.match(version, /^\d+\.\d+$/);
    });

    /**
     * Tests that do not exercise the branches (or, for one string per call, would only repeat the batch
     * test's reading of every string) run once, on the pwsh that runs.
     */
    const itOnce = everything ? it : () => undefined;

    itOnce("the canary fires when a hostile string is spliced into PowerShell source (control)", () => {
      const samples = ["$(", "\u201C; $(", `x"'; `].map((start) =>
        INJECTION_TEMPLATES.find((template) => template(CANARY_COMMANDS[0]).startsWith(start))!,
      );
      // One pwsh runs every sample, each with its own canary file, spliced the way a naive template tag would.
      const canaries = samples.map((_, index) => join(scratch.path, `control-${index}`));
      const script = samples
        .map((template, index) => {
          const setCanary = `$env:${CANARY_VARIABLE} = '${canaries[index]}'`;
          return `${setCanary}; Write-Output ${naiveQuote(template(CANARY_COMMANDS[0]))}`;
        })
        .join("\n");
      execFileSync(resolvePwshPath(), ["-NoProfile", "-NonInteractive", "-Command", "-"], {
        env: { ...process.env, TERM: "dumb" },
        input: `${script}\n`,
        stdio: "pipe",
      });
      samples.forEach((template, index) =>
        assert.ok(existsSync(canaries[index]), `splicing ${JSON.stringify(template("..."))} ran the canary`),
      );
    });

    itOnce(`has at least 300 distinct hostile strings, including 100 KB ones`, () => {
      assert.ok(strings.length >= 300, `only ${strings.length} strings`);
      assert.equal(new Set(strings).size, strings.length);
      assert.ok(strings.some((s) => s.length >= 100_000));
    });

    itOnce("each one round-trips exactly through echo", async () => {
      const answers = await Promise.all(
        strings.map((value) => pool.invoke("echo", { value }, { kind: "read" })),
      );
      answers.forEach((answer, index) =>
        assert.deepEqual(answer, { value: strings[index] }, `string #${index}`),
      );
      assert.equal(existsSync(canary), false, "a hostile string was executed");
    });

    itOnce("each one round-trips exactly when a script passes it to cmdlets as an argument", async () => {
      const answers = await Promise.all(
        strings.map((value) => pool.invoke<Record<string, unknown>>("hostile-argument", { value })),
      );
      answers.forEach((answer, index) => {
        const value = strings[index];
        assert.deepEqual(
          answer,
          { variable: value, writeOutput: value, object: value, selected: value, length: value.length },
          `string #${index}: ${JSON.stringify(value.slice(0, 80))}`,
        );
      });
      assert.equal(existsSync(canary), false, "a hostile string was executed");
    });

    it("round-trips them in batches, as lists and as object keys", async () => {
      const batches: string[][] = [];
      for (let start = 0; start < strings.length; start += 50) batches.push(strings.slice(start, start + 50));
      for (const batch of batches) {
        assert.deepEqual(await pool.invoke("echo", batch), batch);
        const keyed = Object.fromEntries(
          batch.filter((s) => s.length > 0 && s.length < 1000).map((s, i) => [s, i]),
        );
        assert.deepEqual(await pool.invoke("echo", keyed), keyed);
      }
      assert.equal(existsSync(canary), false, "a hostile string was executed");
    });

    it("round-trips a payload of more than 1 MB", async () => {
      const items: string[] = [];
      let size = 0;
      for (let i = 0; size < 1_100_000; i++) {
        const value = strings[i % strings.length];
        items.push(value);
        size += Buffer.byteLength(JSON.stringify(value));
      }
      const payload = { items, nested: { deeper: { list: items.slice(0, 10), count: items.length } } };
      assert.ok(Buffer.byteLength(JSON.stringify(payload)) > 1_000_000);
      assert.deepEqual(await pool.invoke("echo", payload, { kind: "read" }), payload);
      assert.equal(existsSync(canary), false, "a hostile string was executed");
    });
  });
}

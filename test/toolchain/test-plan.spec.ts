import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(__dirname, "..", "..");

interface TestPlan {
  SERIAL_SPECS: Record<string, string>;
  planSpecs(root: string, paths?: string[]): { parallel: string[]; serial: string[] };
  pesterFiles(root: string, paths?: string[]): string[];
  splitArguments(root: string, args: string[]): { paths: string[]; options: string[] };
}

const loadPlan = async () =>
  (await import(pathToFileURL(resolve(ROOT, "scripts", "test-plan.mjs")).href)) as TestPlan;

const committed = (pattern: string) =>
  execFileSync("git", ["ls-files", "-z", pattern], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter(Boolean)
    .sort();

describe("npm test's plan: which spec files run, in which group and order", () => {
  it("runs every committed spec file exactly once, the serial ones after the parallel group", async () => {
    const { planSpecs, SERIAL_SPECS } = await loadPlan();
    const { parallel, serial } = planSpecs(ROOT);
    assert.deepEqual([...parallel, ...serial].sort(), committed("test/**/*.spec.ts"));
    assert.deepEqual(
      serial,
      Object.keys(SERIAL_SPECS).filter((file) => parallel.concat(serial).includes(file)),
    );
    for (const reason of Object.values(SERIAL_SPECS)) assert.ok(reason.length > 0, "a serial spec says why");
  });

  it("starts the end-to-end specs first and the in-process unit specs last", async () => {
    const { parallel } = (await loadPlan()).planSpecs(ROOT);
    const firstUnit = parallel.findIndex((file) => file.startsWith("test/unit/"));
    assert.ok(firstUnit > 0);
    assert.ok(
      parallel.slice(firstUnit).every((file) => file.startsWith("test/unit/")),
      parallel.join("\n"),
    );
    assert.equal(parallel[0], "test/readme/commands.spec.ts");
  });

  it("takes leading paths as the spec files to run and the rest as mocha's options", async () => {
    const { planSpecs, pesterFiles, splitArguments } = await loadPlan();
    assert.deepEqual(splitArguments(ROOT, ["test/cli", "test/simulator", "--grep", "test/unit"]), {
      paths: ["test/cli", "test/simulator"],
      options: ["--grep", "test/unit"],
    });
    assert.deepEqual(splitArguments(ROOT, ["--grep", "pool"]), { paths: [], options: ["--grep", "pool"] });
    const { parallel } = planSpecs(ROOT, ["test/cli/report.spec.ts", "test/unit/cli"]);
    assert.deepEqual(parallel, ["test/cli/report.spec.ts", ...committed("test/unit/cli/*.spec.ts")]);
    assert.deepEqual(pesterFiles(ROOT, ["test/unit"]), [], "no Pester run for mocha-only paths");
    assert.deepEqual(pesterFiles(ROOT, ["test/simulator"]).sort(), committed("test/simulator/*.Tests.ps1"));
  });
});

import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** The modules a fresh node has loaded after reaching `what` of the command table, by package. */
function loadedAfter(what: string): string[] {
  const script = `
    require("tsx/cjs");
    const { COMMANDS } = require("./cli/commands");
    ${what};
    const names = Object.keys(require.cache)
      .map((f) => /node_modules\\/(@[^/]+\\/[^/]+|[^/]+)(\\/automation)?/.exec(f))
      .filter(Boolean)
      .map((m) => m[1] + (m[2] ?? ""));
    process.stdout.write(JSON.stringify([...new Set(names)].sort()));`;
  return JSON.parse(
    execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" }),
  ) as string[];
}

describe("pulumi-hyperv: a command loads only what it uses", function () {
  this.timeout(120000);

  it("the command table and config's help load neither the policy pack's SDK nor Pulumi's automation API", () => {
    const loaded = loadedAfter(`COMMANDS.config.help()`);
    assert.ok(!loaded.includes("@pulumi/policy"), loaded.join(", "));
    assert.ok(!loaded.includes("@pulumi/pulumi/automation"), loaded.join(", "));
  });

  it("audit's help loads the policy pack it judges with", () => {
    assert.ok(loadedAfter(`COMMANDS.audit.help()`).includes("@pulumi/policy"));
  });
});

describe("the processes the command starts: the SDK's heaviest dependencies wait for first use", function () {
  this.timeout(120000);
  const preload = join(ROOT, "bin", "defer-sdk-dependencies.js");

  /** What a fresh node with the preload reports after running `script` (which sets `report`). */
  function withPreload(script: string): Record<string, unknown> {
    const wrapped = `
      const loaded = (name) => Object.keys(require.cache).some((f) => f.includes(name));
      const report = {};
      (async () => { ${script} })().then(() => process.stdout.write(JSON.stringify(report)));`;
    const out = execFileSync(process.execPath, ["--require", preload, "-e", wrapped], {
      cwd: ROOT,
      encoding: "utf8",
      // Serializing a function requires every Node.js builtin, and some warn on stderr.
      stdio: ["ignore", "pipe", "ignore"],
    });
    return JSON.parse(out) as Record<string, unknown>;
  }

  it("requiring @pulumi/pulumi loads neither typescript nor @npmcli/arborist; serializing a function loads typescript then", () => {
    const report = withPreload(`
      const pulumi = require("@pulumi/pulumi");
      report.atLoad = [loaded("/typescript/lib/typescript.js"), loaded("/@npmcli/arborist/")];
      const serialized = await pulumi.runtime.serializeFunction(() => 40 + 2);
      report.serialized = /40 \\+ 2/.test(serialized.text);
      report.afterSerializing = loaded("/typescript/lib/typescript.js");`);
    assert.deepEqual(report, { atLoad: [false, false], serialized: true, afterSerializing: true });
  });

  it("what the SDK gets is the module itself once used: the same classes and values", () => {
    const report = withPreload(`
      const { createRequire } = require("node:module");
      const sdk = createRequire(require.resolve("@pulumi/pulumi/runtime/closure/codePaths.js"));
      const arborist = sdk("@npmcli/arborist");
      const ts = sdk("typescript");
      report.before = [loaded("/@npmcli/arborist/"), loaded("/typescript/lib/typescript.js")];
      report.arborist = arborist.Arborist === require("@npmcli/arborist").Arborist;
      report.typescript = [ts.version === require("typescript").version, Object.keys(ts).length > 100];
      report.kinds = ts.SyntaxKind.Identifier === require("typescript").SyntaxKind.Identifier;
      report.outside = require("typescript") === require.cache[require.resolve("typescript")].exports;`);
    assert.deepEqual(report, {
      before: [false, false],
      arborist: true,
      typescript: [true, true],
      kinds: true,
      outside: true,
    });
  });

  it("a dependency that is not installed fails at the require, where the SDK falls back", () => {
    const report = withPreload(`
      const { createRequire } = require("node:module");
      const sdk = createRequire(require.resolve("@pulumi/pulumi/runtime/closure/codePaths.js"));
      const Module = require("node:module");
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        if (request === "typescript") throw Object.assign(new Error("Cannot find module 'typescript'"), { code: "MODULE_NOT_FOUND" });
        return resolve.call(this, request, ...rest);
      };
      try { sdk("typescript"); report.code = "loaded"; } catch (e) { report.code = e.code; }`);
    assert.deepEqual(report, { code: "MODULE_NOT_FOUND" });
  });
});

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

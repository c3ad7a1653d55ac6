import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const toolchainScript = resolve(__dirname, "..", "..", "scripts", "toolchain.mjs");

/** Runs scripts/toolchain.mjs with a controlled PATH and tools folder. */
function runToolchain(env: Record<string, string>) {
  return spawnSync(process.execPath, [toolchainScript], {
    encoding: "utf8",
    env: { HOME: process.env.HOME ?? "/tmp", ...env },
  });
}

describe("toolchain: locating PowerShell 7", () => {
  let sandbox: string;
  let binWithNodeOnly: string;

  beforeEach(() => {
    sandbox = mkdtempSync(join(tmpdir(), "hyperv-toolchain-"));
    binWithNodeOnly = join(sandbox, "bin");
    spawnSync("mkdir", ["-p", binWithNodeOnly]);
    symlinkSync(process.execPath, join(binWithNodeOnly, "node"));
  });
  afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

  it("stops with a message naming what to install when neither pwsh nor dotnet is present", () => {
    const run = runToolchain({ PATH: binWithNodeOnly, HYPERV_TOOLS_DIR: join(sandbox, "tools") });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /PowerShell 7 was not found/);
    assert.match(run.stderr, /Install either PowerShell 7/);
    assert.match(run.stderr, /\.NET SDK/);
    assert.match(run.stderr, /HYPERV_PWSH/);
  });

  it("rejects an HYPERV_PWSH that points at nothing, naming the variable", () => {
    const missing = join(sandbox, "no-such-pwsh");
    const run = runToolchain({
      PATH: binWithNodeOnly,
      HYPERV_PWSH: missing,
      HYPERV_TOOLS_DIR: join(sandbox, "tools"),
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, new RegExp(`HYPERV_PWSH is set to "${missing}"`));
  });

  it("uses the pwsh named by HYPERV_PWSH, restores Pester into the tools folder and records both", () => {
    const pwsh = process.env.HYPERV_PWSH;
    assert.ok(pwsh, "the test runner sets HYPERV_PWSH");
    const dotnet = spawnSync("sh", ["-c", "command -v dotnet"], { encoding: "utf8" }).stdout.trim();
    assert.ok(dotnet, "dotnet is on PATH (the .NET tool pwsh needs it)");
    const tools = join(sandbox, "tools");
    const run = runToolchain({
      PATH: `${binWithNodeOnly}:${dirname(dotnet)}`,
      HYPERV_PWSH: pwsh,
      HYPERV_TOOLS_DIR: tools,
      DOTNET_CLI_TELEMETRY_OPTOUT: "1",
    });
    assert.equal(run.status, 0, run.stderr);
    const recorded = JSON.parse(readFileSync(join(tools, "toolchain.json"), "utf8"));
    assert.equal(recorded.pwsh, pwsh);
    assert.match(recorded.pwshVersion, /^7\./);
    assert.equal(recorded.pester, join(tools, "nuget", "pester", "5.7.1", "tools", "Pester.psd1"));
    assert.ok(existsSync(recorded.pester));
  });
});

import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { PowerShell } from "node-powershell";
import {
  assertInstanceInternals,
  assertPrototypeInternals,
  installedVersions,
  missingInstanceMembers,
  missingPrototypeMembers,
  NodePowerShellInternalsError,
} from "../../../provider/powershell/node-powershell-internals";

const versionOf = (manifest: string) =>
  (JSON.parse(readFileSync(require.resolve(manifest), "utf8")) as { version: string }).version;

describe("node-powershell internals the shell relies on", () => {
  it("are all there in the installed node-powershell, on its prototype and on a constructed shell", async () => {
    assert.deepEqual(missingPrototypeMembers(PowerShell.prototype), []);
    // Any executable will do: the members exist from the constructor on, whatever the process does.
    const shell = new PowerShell({ executable: process.execPath, debug: false });
    const exited = (shell as unknown as { exitPromise: Promise<void> }).exitPromise.catch(() => undefined);
    assert.deepEqual(missingInstanceMembers(shell), []);
    await exited;
  });

  it("names the installed versions of node-powershell and child-shell", () => {
    assert.deepEqual(installedVersions(), {
      nodePowerShell: versionOf("node-powershell/package.json"),
      childShell: versionOf("child-shell/package.json"),
    });
  });

  it("a prototype without the output reader is refused, naming the version and what is missing", () => {
    class Renamed {
      invoke() {}
      readOutputBulk() {}
    }
    assert.throws(
      () => assertPrototypeInternals(Renamed.prototype),
      (error: unknown) => {
        assert.ok(error instanceof NodePowerShellInternalsError);
        assert.deepEqual(error.missing, ["PowerShell.prototype.readBulkFromOutput (a method)"]);
        assert.match(
          error.message,
          new RegExp(`^node-powershell ${versionOf("node-powershell/package.json")} \\(child-shell `),
        );
        assert.match(
          error.message,
          /provider\/powershell\/shell\.ts relies on: PowerShell\.prototype\.readBulkFromOutput/,
        );
        assert.match(error.message, /npm ci/);
        return true;
      },
    );
  });

  it("a shell whose private fields changed is refused, naming each", () => {
    const stream = { on() {}, unpipe() {} };
    const shell = {
      process: { once() {}, ref() {}, unref() {} },
      exitPromise: undefined,
      debuggers: {},
      history: new Map(),
      streams: { stdin: stream, stdout: stream, stderr: stream },
    };
    assert.throws(
      () => assertInstanceInternals(shell),
      (error: unknown) =>
        error instanceof NodePowerShellInternalsError &&
        error.missing.length === 2 &&
        /shell\.exitPromise \(a promise\), shell\.history \(an array\)/.test(error.message),
    );
    assert.doesNotThrow(() =>
      assertInstanceInternals({ ...shell, exitPromise: Promise.resolve(), history: [] }),
    );
  });
});

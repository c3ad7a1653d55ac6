import { strict as assert } from "node:assert";
import { PowerShell } from "node-powershell";
import { resolvePwshPath } from "../../provider/powershell/pwsh-path";

describe("toolchain smoke: node-powershell drives the project's pwsh", () => {
  it("starts pwsh 7 and round-trips a value", async () => {
    const shell = new PowerShell({
      executable: resolvePwshPath(),
      executableOptions: { "-NoProfile": true, "-NonInteractive": true },
      throwOnInvocationError: false,
      // A dumb terminal keeps .NET from writing cursor-mode escapes around the output.
      spawnOptions: { env: { ...process.env, TERM: "dumb" } },
    });
    try {
      const result = await shell.invoke("[string]::Join('|', @($PSVersionTable.PSVersion.Major, (21 * 2)))");
      assert.equal(result.stderr?.toString() ?? "", "");
      const [major, answer] = result.raw.split("|");
      assert.ok(Number(major) >= 7, `expected PowerShell 7+, got ${major}`);
      assert.equal(answer, "42");
    } finally {
      await shell.dispose().catch(() => undefined);
    }
  });
});

import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { isAlive, waitFor } from "./support";

describe("PowerShell session pool and the Node.js process", () => {
  it("code after `await pool.close()` runs, an idle pool does not keep Node.js alive, DEBUG prints no command", async () => {
    const output = execFileSync(
      process.execPath,
      ["--import", "tsx", join(__dirname, "fixtures", "process-lifetime.ts")],
      {
        encoding: "utf8",
        timeout: 50_000,
        // node-powershell would print every command to stdout under DEBUG (a Pulumi plugin's stdout is
        // its handshake channel): the runtime silences it.
        env: { ...process.env, DEBUG: "*" },
      },
    );
    assert.ok(!/Invoke-HvOperation|Import-Module|HYPERV/.test(output), `commands were logged: ${output}`);
    const closed = /^closed (\d+)$/m.exec(output);
    const idle = /^idle (\d+)$/m.exec(output);
    assert.ok(closed && idle, `unexpected output: ${output}`);
    const pids = [Number(closed[1]), Number(idle[1])];
    await waitFor(() => pids.every((pid) => !isAlive(pid)), "both pwsh processes to end");
  });
});

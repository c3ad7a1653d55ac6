import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const opensshScript = pathToFileURL(resolve(__dirname, "..", "..", "scripts", "openssh.mjs")).href;

/** Runs ensureOpenSshServer() in a fresh node with the given environment; returns its result or error. */
function ensure(env: Record<string, string>) {
  const code =
    `import(${JSON.stringify(opensshScript)}).then((m) => {` +
    "let result; try { result = { sshd: m.ensureOpenSshServer() ?? null }; } catch (e) { result = { error: String(e) }; }" +
    "console.log(JSON.stringify(result)); })";
  const run = spawnSync(process.execPath, ["-e", code], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  return {
    ...(JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as { sshd?: string | null; error?: string }),
    stderr: run.stderr,
  };
}

describe("toolchain: locating the OpenSSH server for the SSH tests", () => {
  it("takes HYPERV_SSHD when it names a file", () => {
    assert.deepEqual(ensure({ HYPERV_SSHD: process.execPath }).sshd, process.execPath);
  });

  it("rejects an HYPERV_SSHD that points at nothing, naming the variable", () => {
    const outcome = ensure({ HYPERV_SSHD: "/nonexistent/sshd" });
    assert.match(
      outcome.error ?? "",
      /HYPERV_SSHD is set to "\/nonexistent\/sshd", but no file exists there/,
    );
  });
});

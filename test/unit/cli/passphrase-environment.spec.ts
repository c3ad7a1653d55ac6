import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHost } from "../../../cli/engine/hosts";
import { PASSPHRASE_VARIABLES, withoutPassphrase } from "../../../provider/powershell/passphrase-environment";

/**
 * The passphrase stays with the engine. The Pulumi CLI hands its whole environment to the plugins it
 * starts (pulumi/pulumi pkg/resource/plugin/plugin.go, execPlugin: `cmd.Env = env`, else inherited);
 * pulumi-hyperv's engine decrypts config and state itself, so the hosts it starts get none.
 */
describe("cli: the passphrase stays with the engine", () => {
  it("withoutPassphrase drops both passphrase variables, in any case, and keeps the rest", () => {
    assert.deepEqual(PASSPHRASE_VARIABLES, ["PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE"]);
    const env = {
      PULUMI_CONFIG_PASSPHRASE: "p",
      Pulumi_Config_Passphrase_File: "/f",
      PULUMI_CONFIG: "{}",
      PATH: "/bin",
    };
    assert.deepEqual(withoutPassphrase(env), { PULUMI_CONFIG: "{}", PATH: "/bin" });
    assert.equal(env.PULUMI_CONFIG_PASSPHRASE, "p", "the engine's own environment is left alone");
  });

  it("starts a plugin host without it: the host's own environment says so", async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), "host-env-"));
    const script = join(dir, "host.js");
    // A host that reports its environment on stderr, then its port, and waits to be stopped.
    writeFileSync(
      script,
      "process.stderr.write(JSON.stringify(process.env) + '\\n', () => console.log('40001'));\nsetInterval(() => {}, 1000);\n",
    );
    const saved = { ...process.env };
    process.env.PULUMI_CONFIG_PASSPHRASE = "stack passphrase";
    process.env.PULUMI_CONFIG_PASSPHRASE_FILE = join(dir, "passphrase.txt");
    process.env.HYPERV_TEST_EXTRA = "inherited";
    try {
      const host = await startHost(script, [], { cwd: dir, env: { PULUMI_NODEJS_STACK: "dev" } });
      try {
        const seen = JSON.parse(host.stderr().split("\n")[0]) as Record<string, string>;
        assert.equal(seen.HYPERV_TEST_EXTRA, "inherited");
        assert.equal(seen.PULUMI_NODEJS_STACK, "dev");
        assert.deepEqual(
          Object.keys(seen).filter((name) => /^PULUMI_CONFIG_PASSPHRASE/i.test(name)),
          [],
        );
      } finally {
        await host.stop();
      }
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

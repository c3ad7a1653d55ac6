import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { PowerShell } from "node-powershell";
import { InvalidArgumentError, InvalidStateError, type SessionPool } from "../../provider/powershell";
import { PoolTracker } from "./support";

describe("secrets reach sessions out of band", function () {
  const pools = new PoolTracker();
  const secret = `pa'ss"w$(rd)-${randomBytes(12).toString("hex")}`;
  const commands: string[] = [];
  const originalInvoke = PowerShell.prototype.invoke;
  let pool: SessionPool;

  before(() => {
    PowerShell.prototype.invoke = function (this: PowerShell, command: string) {
      commands.push(command);
      return originalInvoke.call(this, command);
    };
    pool = pools.create({ size: 2, secrets: { adminPassword: secret } });
  });
  after(async () => {
    PowerShell.prototype.invoke = originalInvoke;
    await pools.closeAll();
  });

  it("gives every session the secret, and leaves it in no environment variable", async () => {
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => pool.invoke<Record<string, unknown>>("secret", { name: "adminPassword" })),
    );
    for (const answer of answers) {
      assert.deepEqual(answer, { secret, inEnvironment: 0, secretsFileVariable: null });
    }
  });

  it("never puts the secret into command text", async () => {
    await pool.invoke("secret", { name: "adminPassword" });
    assert.ok(commands.length >= 3, "the spy saw the commands");
    for (const command of commands) {
      assert.ok(!command.includes(secret), "a command line contains the secret");
      assert.ok(
        !command.includes(Buffer.from(secret).toString("base64")),
        "a command line contains the secret in base64",
      );
    }
  });

  it("redacts the secret from error messages, targets and warnings", async () => {
    await assert.rejects(pool.invoke("secret", { name: "adminPassword", leak: true }), (error: unknown) => {
      assert.ok(error instanceof InvalidStateError, String(error));
      assert.ok(!error.message.includes(secret));
      assert.match(error.message, /failure with \*\*\*/);
      assert.equal(error.targetObject, "***");
      assert.ok(error.warnings.every((warning) => !warning.includes(secret)));
      return true;
    });
    const outcome = await pool.invokeWithDetails("secret", { name: "adminPassword", warn: true });
    assert.deepEqual(outcome, {
      data: "warned",
      warnings: ["warning with ***"],
      processId: outcome.processId,
    });
  });

  it("reports an unknown secret name without revealing anything", async () => {
    await assert.rejects(pool.invoke("secret", { name: "nope" }), (error: unknown) => {
      assert.ok(error instanceof InvalidArgumentError, String(error));
      assert.match(error.message, /No secret named 'nope'/);
      return true;
    });
  });

  it("refuses secret names that are not identifiers", () => {
    assert.throws(
      () => pools.create({ secrets: { "bad name": "x" } }),
      /secrets: 'bad name' is not a valid secret name/,
    );
  });
});

import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "../../../cli/errors";
import { readCheckpoint, writeCheckpoint, type SecretsAccess } from "../../../cli/engine/checkpoint";
import { secret } from "../../../cli/engine/properties";
import { loadProject, loadStackConfig } from "../../../cli/project";
import { newPassphraseState, symmetricCrypter } from "../../../cli/secrets";

const URN = "urn:pulumi:dev::demo::pulumi-nodejs:dynamic/hyperv:VirtualMachine::web01";

describe("cli: damaged checkpoint and project files say the file, what is wrong and the fix", () => {
  let dir: string;
  const crypter = symmetricCrypter(randomBytes(32));
  const secrets: SecretsAccess = { crypter: () => crypter, salt: () => undefined };
  const file = () => join(dir, "dev.json");
  /** A real checkpoint of one resource with a secret input, as `up` writes it. */
  const writeGood = () =>
    writeCheckpoint(
      file(),
      {
        resources: [
          {
            urn: URN,
            custom: true,
            type: "pulumi-nodejs:dynamic/hyperv:VirtualMachine",
            id: "id-1",
            inputs: { vmName: "web01", notes: secret("s3cr3t notes") },
            outputs: { vmName: "web01", notes: secret("s3cr3t notes") },
          },
        ],
        pendingOperations: [],
      },
      secrets,
    );
  /** readCheckpoint's error; the file is the same afterwards. */
  const refusal = (): UsageError => {
    const before = readFileSync(file(), "utf8");
    let caught: unknown;
    try {
      readCheckpoint(file(), secrets);
    } catch (error) {
      caught = error;
    }
    assert.ok(caught instanceof UsageError, `a UsageError (exit 2), got ${String(caught)}`);
    assert.equal(readFileSync(file(), "utf8"), before, "the file is left as it is");
    assert.ok(caught.message.startsWith(`${file()}: `), caught.message);
    return caught;
  };

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "damaged-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("a good checkpoint reads back with its secret", () => {
    writeGood();
    const [resource] = readCheckpoint(file(), secrets).resources;
    assert.deepEqual(resource.inputs?.notes, secret("s3cr3t notes"));
  });

  it("a truncated checkpoint: truncated at its line and column, and the fix", () => {
    writeGood();
    const text = readFileSync(file(), "utf8");
    const cut = text.indexOf('"web01"') + 4;
    writeFileSync(file(), text.slice(0, cut));
    const lines = text.slice(0, cut).split("\n");
    const error = refusal();
    assert.match(
      error.message,
      new RegExp(`is (truncated|not valid JSON) at line ${lines.length}, column \\d+`),
    );
    assert.match(error.message, /restore it from a backup/);
    writeFileSync(file(), text.slice(0, text.length - 10));
    assert.match(refusal().message, /the checkpoint is truncated at line \d+, column \d+/);
    writeFileSync(file(), '{\n  "version": 3,\n  "deployment": {,\n}');
    assert.match(refusal().message, /is not valid JSON at line 3, column 18/);
  });

  it("a document without deployment is not a checkpoint; a resource without urn is named", () => {
    writeFileSync(file(), JSON.stringify({ version: 3, resources: [] }));
    assert.match(refusal().message, /not a checkpoint: it has no "deployment"/);
    writeFileSync(file(), "[1, 2]");
    assert.match(refusal().message, /not a checkpoint/);
    writeFileSync(file(), JSON.stringify({ version: 3, deployment: { resources: [{ type: "t" }] } }));
    assert.match(refusal().message, /not a checkpoint: deployment\.resources\[0\]\.urn/);
  });

  it("another version names it and what is read", () => {
    writeFileSync(file(), JSON.stringify({ version: 4, deployment: {} }));
    assert.match(refusal().message, /checkpoint version 4 is not supported \(this command reads version 3/);
  });

  it("a damaged ciphertext names the resource: wrong passphrase or damaged value", () => {
    writeGood();
    const text = readFileSync(file(), "utf8");
    const damaged = text.replace(/"ciphertext": "v1:([^:"]+):([^"]{4})/, '"ciphertext": "v1:$1:AAAA');
    assert.notEqual(damaged, text);
    writeFileSync(file(), damaged);
    const error = refusal();
    assert.match(error.message, new RegExp(`cannot decrypt a secret of ${URN.replace(/[$.]/g, "\\$&")}`));
    assert.match(error.message, /wrong passphrase or damaged value/);
    assert.doesNotMatch(error.message, /authenticate data/);
  });

  describe("project and stack files", () => {
    const saved = process.env.PULUMI_CONFIG_PASSPHRASE;
    afterEach(() => {
      if (saved === undefined) delete process.env.PULUMI_CONFIG_PASSPHRASE;
      else process.env.PULUMI_CONFIG_PASSPHRASE = saved;
    });

    it("a YAML syntax error in Pulumi.yaml or Pulumi.<stack>.yaml: the file, line and column", () => {
      const project = join(dir, "Pulumi.yaml");
      writeFileSync(project, "name: demo\nruntime: [nodejs\n  main: x\n");
      assert.throws(
        () => loadProject(dir),
        (error: Error) =>
          error instanceof UsageError &&
          error.message.startsWith(`${project}: YAML syntax error at line 2, column 11: `) &&
          !error.message.includes("\n"),
      );
      writeFileSync(project, "name: demo\nruntime: nodejs\n");
      const stackFile = join(dir, "Pulumi.dev.yaml");
      writeFileSync(stackFile, "config:\n  demo:a: 'open\n");
      assert.throws(
        () => loadStackConfig(loadProject(dir), "dev"),
        (error: Error) =>
          error instanceof UsageError &&
          /^.*Pulumi\.dev\.yaml: YAML syntax error at line \d+, column \d+: /.test(error.message),
      );
    });

    it("a damaged secure: value names the config key: wrong passphrase or damaged value", () => {
      writeFileSync(join(dir, "Pulumi.yaml"), "name: demo\nruntime: nodejs\n");
      process.env.PULUMI_CONFIG_PASSPHRASE = "pass";
      const { state, crypter: stackCrypter } = newPassphraseState("pass");
      const good = stackCrypter.encrypt("hunter2");
      const damaged = `${good.slice(0, -6)}AAAAAA`;
      const stackFile = join(dir, "Pulumi.dev.yaml");
      const text = `encryptionsalt: ${state}\nconfig:\n  hyperv:password:\n    secure: ${damaged}\n`;
      writeFileSync(stackFile, text);
      assert.throws(
        () => loadStackConfig(loadProject(dir), "dev"),
        (error: Error) =>
          error instanceof UsageError &&
          error.message.startsWith(`${stackFile}: cannot decrypt the secure value of hyperv:password: `) &&
          /wrong passphrase or damaged value/.test(error.message),
      );
      assert.equal(readFileSync(stackFile, "utf8"), text, "the stack file is left as it is");
    });
  });
});

import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { newPassphraseState } from "../../cli/secrets";
import { SECRET_SIG, SIG } from "../../cli/engine/properties";
import { deploymentSchemaErrors, FILES_FIXTURE, TestProject } from "./support";

const PASSPHRASE = "correct horse battery staple";
const PASSWORD = "s3cret-Value-42";

describe("pulumi-hyperv: secrets (passphrase provider, never plaintext in the checkpoint)", function () {
  this.timeout(300000);
  let project: TestProject;

  before(() => {
    const { state, crypter } = newPassphraseState(PASSPHRASE);
    project = new TestProject(FILES_FIXTURE);
    project.writeStackFile(
      {
        "files:dir": project.out,
        "files:scenario": "secret",
        "files:password": { secure: crypter.encrypt(PASSWORD) },
      },
      `encryptionsalt: ${state}\n`,
    );
  });
  after(() => project?.remove());

  it("secure config is refused without a passphrase, with the variable to set", async () => {
    const result = await project.run(["preview"]);
    assert.equal(result.code, 2, result.output);
    assert.match(result.stderr, /holds secure values \(files:password\): set PULUMI_CONFIG_PASSPHRASE/);
  });

  it("a wrong passphrase is refused", async () => {
    const result = await project.run(["preview"], { PULUMI_CONFIG_PASSPHRASE: "wrong" });
    assert.equal(result.code, 2, result.output);
    assert.match(result.stderr, /incorrect passphrase/);
  });

  it("up: the provider gets the plaintext, the checkpoint only ciphertext, outputs stay secret", async () => {
    const env = { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE };
    const result = await project.run(["up", "--yes", "--skip-preview"], env);
    assert.equal(result.code, 0, result.output);
    assert.equal(project.file("secret.txt"), PASSWORD);
    const text = project.checkpointText();
    assert.ok(!text.includes(PASSWORD), "no plaintext in the checkpoint");
    const doc = project.checkpoint();
    assert.deepEqual(deploymentSchemaErrors(doc), []);
    assert.equal(doc.deployment.secrets_providers!.type, "passphrase");
    const content = project.resource("secret")!.inputs!.content as Record<string, string>;
    assert.equal(content[SIG], SECRET_SIG);
    assert.match(content.ciphertext, /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    assert.equal((project.resource("secret")!.outputs!.content as Record<string, string>)[SIG], SECRET_SIG);

    const masked = await project.run(["stack", "output", "--json"], env);
    assert.deepEqual(JSON.parse(masked.stdout), { secretContent: "[secret]", plain: "visible" });
    const shown = await project.run(["stack", "output", "secretContent", "--show-secrets"], env);
    assert.equal(shown.stdout.trim(), PASSWORD);
    assert.ok(!result.output.includes(PASSWORD), "nor in the command's output");
  });
});

describe("pulumi-hyperv: config set --secret, stack export and import", function () {
  this.timeout(600000);
  const env = { PULUMI_CONFIG_PASSPHRASE: PASSPHRASE };
  let project: TestProject;
  let imported: TestProject;

  before(() => {
    project = new TestProject(FILES_FIXTURE);
    project.writeStackFile({ "files:dir": project.out, "files:scenario": "secret" });
    imported = new TestProject(FILES_FIXTURE);
  });
  after(() => {
    project?.remove();
    imported?.remove();
  });

  it("a secret piped to config set --secret reaches the provider decrypted, never output, state or history", async () => {
    const set = await project.run(["config", "set", "--secret", "files:password"], env, `${PASSWORD}\n`);
    assert.equal(set.code, 0, set.output);
    const stackFile = readFileSync(join(project.dir, "Pulumi.test.yaml"), "utf8");
    assert.match(stackFile, /^encryptionsalt: v1:/m);
    assert.match(stackFile, /^ {2}files:password:\n {4}secure: v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/m);
    assert.ok(!stackFile.includes(PASSWORD), "no plaintext in the stack file");

    const up = await project.run(["up", "--yes", "--skip-preview", "-m", "first"], env);
    assert.equal(up.code, 0, up.output);
    assert.equal(project.file("secret.txt"), PASSWORD, "the provider wrote the decrypted value");
    assert.match(up.stdout, /Outputs:\n {4}plain {8}: "visible"\n {4}secretContent: \[secret\]\n/);
    const historyDir = join(project.dir, ".pulumi-hyperv", "history", "test");
    const history = readdirSync(historyDir).map((f) => readFileSync(join(historyDir, f), "utf8"));
    assert.equal(history.length, 1);
    assert.deepEqual(JSON.parse(history[0]).config["files:password"], { secret: true });
    for (const [what, text] of [
      ["output", up.output],
      ["checkpoint", project.checkpointText()],
      ["history", history[0]],
    ])
      assert.ok(!text.includes(PASSWORD), `no plaintext in the ${what}`);
  });

  it("a stack exported by stack export and imported into an empty project deploys no change", async () => {
    const exported = await project.run(["stack", "export"], env);
    assert.equal(exported.code, 0, exported.output);
    assert.deepEqual(deploymentSchemaErrors(JSON.parse(exported.stdout)), []);
    // The empty project: the same program and config, its own passphrase salt.
    imported.writeStackFile({ "files:dir": project.out, "files:scenario": "secret" });
    const set = await imported.run(["config", "set", "--secret", "files:password"], env, PASSWORD);
    assert.equal(set.code, 0, set.output);
    const load = await imported.run(["stack", "import"], env, exported.stdout);
    assert.equal(load.code, 0, load.output);
    assert.match(load.stdout, /Import complete\./);
    assert.ok(!imported.checkpointText().includes(PASSWORD));
    project.clearJournal();
    const up = await imported.run(["up", "--yes", "--expect-no-changes"], env);
    assert.equal(up.code, 0, up.output);
    assert.match(up.stdout, /\+ 0 to create, ~ 0 to update, - 0 to delete, 2 unchanged/);
    assert.match(up.stdout, /\+ 0 created, ~ 0 updated, - 0 deleted, 2 unchanged/);
    assert.deepEqual(project.journal(), [], "the provider was asked to change nothing");
  });
});

import { strict as assert } from "node:assert";
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

import { strict as assert } from "node:assert";
import { Writable } from "node:stream";
import * as pulumi from "@pulumi/pulumi";
import { protectedDeleteMessage } from "../../../cli/engine/deploy/step";
import { withPulumiHypervCommands } from "../../../cli/output/command-hints";
import { PreviewDigest } from "../../../cli/output/preview-json";
import { ProgressDisplay } from "../../../cli/output/progress";

const URN = "urn:pulumi:dev::lab::pulumi-nodejs:dynamic/hyperv:VirtualMachine::web";

/** The message the SDK throws for a missing required config value. */
function sdkMissingConfig(secret: boolean): string {
  try {
    const config = new pulumi.Config("lab");
    if (secret) config.requireSecret("adminPassword");
    else config.require("webCount");
  } catch (e) {
    return (e as Error).message;
  }
  return assert.fail("the SDK did not refuse the missing value");
}

describe("messages that name Pulumi CLI commands also name the pulumi-hyperv command", () => {
  it("pulumi state unprotect: pulumi-hyperv state unprotect, with the same URN", () => {
    const message = withPulumiHypervCommands(protectedDeleteMessage(URN));
    assert.ok(message.startsWith(protectedDeleteMessage(URN)), "the CLI's message stays as it is");
    assert.match(
      message,
      new RegExp(`\\nwithout the Pulumi CLI: \`pulumi-hyperv state unprotect '${URN}'\`$`),
    );
  });

  it("the SDK's pulumi config set: pulumi-hyperv up -c; a secret needs the Pulumi CLI", () => {
    const plain = withPulumiHypervCommands(sdkMissingConfig(false));
    assert.match(plain, /pulumi config set lab:webCount <value>/);
    assert.match(plain, /without the Pulumi CLI: `pulumi-hyperv up -c lab:webCount=<value>`/);
    const secret = withPulumiHypervCommands(sdkMissingConfig(true));
    assert.match(
      secret,
      /without the Pulumi CLI: a secret needs `pulumi config set --secret lab:adminPassword`/,
    );
    assert.equal(withPulumiHypervCommands("nothing to add"), "nothing to add");
  });

  it("the progress display and the --json document show the hint", () => {
    let text = "";
    const out = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    const display = new ProgressDisplay(out as NodeJS.WriteStream, false, false);
    display.diagnostic({ urn: URN, severity: "error", message: protectedDeleteMessage(URN) });
    display.end({}, 1);
    assert.match(text, /pulumi-hyperv state unprotect/);
    const digest = new PreviewDigest();
    digest.diagnostic({ severity: "error", message: sdkMissingConfig(false) });
    assert.match(
      digest.document({}, [], {}, 1).diagnostics?.[0].message ?? "",
      /pulumi-hyperv up -c lab:webCount/,
    );
  });
});

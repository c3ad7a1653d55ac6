/**
 * The command's output through a pipe whose reader is slow to start (`... --json | npx ... report -`):
 * everything it printed arrives, however large, before it exits.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, ROOT } from "./support";

/** A `pulumi-hyperv preview --json` document with `count` advisory findings on as many VMs. */
function largePreview(count: number): string {
  const urn = (i: number) => `urn:pulumi:dev::demo::pulumi-nodejs:dynamic/hyperv:VirtualMachine::vm${i}`;
  return JSON.stringify({
    steps: Array.from({ length: count }, (_, i) => ({ op: "create", urn: urn(i) })),
    duration: 1,
    changeSummary: { create: count },
    policyViolations: Array.from({ length: count }, (_, i) => ({
      policyPack: "hyperv-linux-ics",
      policyPackVersion: "0.1.0",
      policyName: "linux-ics-live-backup-unavailable",
      description: "The VSS (Backup) integration service is enabled for a Linux guest without live backup.",
      message: `vm${i}: set integrationServices.vss: false, and expect backups to pause the guest.`,
      enforcementLevel: "advisory",
      urn: urn(i),
    })),
  });
}

describe("pulumi-hyperv output through a pipe", function () {
  this.timeout(120_000);
  let work: string;
  before(() => (work = mkdtempSync(join(tmpdir(), "pulumi-hyperv-pipe-"))));
  after(() => rmSync(work, { recursive: true, force: true }));

  it("reaches a reader that starts late in full (well beyond a pipe's 64 KiB buffer)", async () => {
    const file = join(work, "preview.json");
    writeFileSync(file, largePreview(2000));
    const child = spawn(process.execPath, [BIN, "report", file, "--format", "sarif"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Nothing is read until the command has had time to finish writing and exit.
    child.stdout.pause();
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const closed = new Promise((resolve) => child.once("close", resolve));
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => chunks.push(d));
    child.stdout.resume();
    const [code] = await Promise.all([exited, closed]);
    const text = Buffer.concat(chunks).toString("utf8");
    assert.equal(code, 0);
    assert.ok(text.length > 256 * 1024, `${text.length} characters`);
    const log = JSON.parse(text) as { runs: { results: unknown[] }[] };
    assert.equal(log.runs[0].results.length, 2000);
  });
});

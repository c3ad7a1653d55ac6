import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { sarifErrors } from "../unit/report/sarif-schema";

const ROOT = join(__dirname, "..", "..");
const WORKFLOW = join(ROOT, "examples", "ci", "policy-check.yml");
const BIN = join(ROOT, "bin", "pulumi-hyperv.js");

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  "continue-on-error"?: boolean;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, { "runs-on": string; steps: Step[] }>;
}

/** The pull-request check's workflow, as GitHub Actions reads it. */
describe("examples/ci: the pull-request policy check workflow", () => {
  const workflow = parse(readFileSync(WORKFLOW, "utf8")) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const step = (pattern: RegExp) => {
    const found = steps.filter((s) => pattern.test(s.run ?? ""));
    assert.equal(found.length, 1, `one step runs ${pattern}`);
    return found[0];
  };

  it("runs on pull requests with the permissions its outputs need, and nothing more", () => {
    assert.deepEqual(Object.keys(workflow.on), ["pull_request"]);
    assert.deepEqual(workflow.permissions, {
      contents: "read",
      "pull-requests": "write",
      "security-events": "write",
    });
  });

  it("names only these actions, each at a major version: checkout, setup-node, the Pulumi CLI installer, the SARIF upload", () => {
    const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    assert.deepEqual(uses, [
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "pulumi/actions@v6",
      "github/codeql-action/upload-sarif@v3",
    ]);
    const installer = steps.find((s) => s.uses === "pulumi/actions@v6")!;
    assert.equal(installer.with?.command, undefined, "no command: the action only installs the CLI");
    const npmCi = steps.findIndex((s) => s.run === "npm ci");
    assert.ok(
      npmCi >= 0 && npmCi < steps.indexOf(step(/pulumi preview --cwd/)),
      "dependencies before the preview",
    );
  });

  it("previews with the policy pack, its config and --json, streaming the events that carry the findings", () => {
    const preview = step(/pulumi preview --cwd/);
    const command = preview.run!.replace(/\\\n\s*/g, " ");
    for (const flag of [
      '--policy-pack "$POLICY_PACK"',
      '--policy-pack-config "$POLICY_PACK_CONFIG"',
      "--json > preview.json",
      '--cwd "$PROJECT_DIR"',
      '--stack "$STACK"',
    ]) {
      assert.ok(command.includes(flag), `pulumi preview ${flag}`);
    }
    assert.equal(workflow.env.PULUMI_ENABLE_STREAMING_JSON_PREVIEW, "true");
    assert.match(preview.run!, /^set \+e$/m, "a failed preview still gets reported");
    assert.match(preview.run!, /echo "exit-code=\$\?" >> "\$GITHUB_OUTPUT"/);
  });

  it("names a project, and a policy pack and pack config from the project's directory, that exist in the repository", () => {
    const { POLICY_PACK, POLICY_PACK_CONFIG, PROJECT_DIR, STACK } = workflow.env;
    const project = join(ROOT, PROJECT_DIR);
    assert.ok(existsSync(join(project, "Pulumi.yaml")), PROJECT_DIR);
    assert.ok(existsSync(join(project, `Pulumi.${STACK}.yaml`)), `the ${STACK} stack's config`);
    // `pulumi --cwd` runs as if started in the project's directory: the pack paths are relative to it.
    assert.ok(existsSync(join(project, POLICY_PACK, "PulumiPolicy.yaml")), POLICY_PACK);
    assert.ok(existsSync(join(project, POLICY_PACK_CONFIG)), POLICY_PACK_CONFIG);
  });

  it("posts the findings even when the preview failed: job summary, pull-request comment, SARIF", () => {
    const report = step(/pulumi-hyperv report/);
    assert.equal(report.if, "${{ !cancelled() }}");
    assert.match(report.run!, /pulumi-hyperv report preview\.json --format markdown > policy-report\.md/);
    assert.match(report.run!, /pulumi-hyperv report preview\.json --format sarif .*> policy-report\.sarif/);
    assert.match(report.run!, /cat policy-report\.md >> "\$GITHUB_STEP_SUMMARY"/);
    const comment = step(/gh pr comment/);
    assert.equal(comment["continue-on-error"], true, "fork pull requests have a read-only token");
    assert.equal(comment.env?.GH_TOKEN, "${{ github.token }}");
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))!;
    assert.equal(upload.with?.sarif_file, "policy-report.sarif");
    assert.match(upload.if!, /!cancelled\(\)/);
  });

  it("fails the check last, when the preview failed (a mandatory violation makes it fail)", () => {
    const last = steps[steps.length - 1];
    assert.equal(last.if, "${{ steps.preview.outputs.exit-code != '0' }}");
    assert.match(last.run!, /exit 1$/m);
    assert.equal(step(/pulumi preview --cwd/).id, "preview");
  });

  it("its report step, run by bash as a runner would on the preview's event stream, writes the summary, the comment and valid SARIF", function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), "policy-check-"));
    try {
      copyFileSync(
        join(ROOT, "test", "fixtures", "preview-json", "engine-events-multiple-violations.ndjson"),
        join(dir, "preview.json"),
      );
      // `npx --no-install pulumi-hyperv` in a project that installed the package: this repository's command.
      const npx = join(dir, "npx");
      writeFileSync(
        npx,
        `#!/bin/sh\n[ "$1" = "--no-install" ] && shift\n[ "$1" = "pulumi-hyperv" ] && shift\nexec "${process.execPath}" "${BIN}" "$@"\n`,
      );
      chmodSync(npx, 0o755);
      const summary = join(dir, "summary.md");
      const run = spawnSync(
        "bash",
        ["--noprofile", "--norc", "-eo", "pipefail", "-c", step(/pulumi-hyperv report/).run!],
        {
          cwd: dir,
          encoding: "utf8",
          env: {
            ...process.env,
            PATH: `${dir}:${process.env.PATH}`,
            GITHUB_STEP_SUMMARY: summary,
            ...workflow.env,
          },
        },
      );
      assert.equal(run.status, 0, run.stderr);
      const markdown = readFileSync(join(dir, "policy-report.md"), "utf8");
      assert.match(markdown, /\*\*blocked by mandatory policy violations\*\*: 5 mandatory, 5 advisory/);
      assert.equal(readFileSync(summary, "utf8"), markdown, "the job summary is the comment's body");
      const sarif = JSON.parse(readFileSync(join(dir, "policy-report.sarif"), "utf8"));
      assert.deepEqual(sarifErrors(sarif), []);
      assert.equal(
        sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
        `${workflow.env.PROJECT_DIR}/Pulumi.yaml`,
        "the annotations point at the project's file, from the repository's root",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

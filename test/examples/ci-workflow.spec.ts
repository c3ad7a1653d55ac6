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
import { actionlint, pinnedActions } from "../toolchain/workflow-lint";
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
interface Job {
  "runs-on": string;
  needs?: string;
  if?: string;
  permissions: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

/** The same-repository test GitHub evaluates for a pull request: a fork's head is another repository. */
const SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository";

/** Runs a step's script with bash as a runner would (`bash -e -o pipefail`), with `env` on top. */
function runStep(script: string, cwd: string, env: Record<string, string | undefined>) {
  return spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
}

/** Writes an executable shell script `name` into `dir`. */
function writeTool(dir: string, name: string, body: string): void {
  writeFileSync(join(dir, name), `#!/bin/sh\n${body}`);
  chmodSync(join(dir, name), 0o755);
}

/** The pull-request check's workflow, as GitHub Actions reads it. */
describe("examples/ci: the pull-request policy check workflow", () => {
  const text = readFileSync(WORKFLOW, "utf8");
  const workflow = parse(text) as Workflow;
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const step = (pattern: RegExp) => {
    const found = steps.filter((s) => pattern.test(s.run ?? ""));
    assert.equal(found.length, 1, `one step runs ${pattern}`);
    return found[0];
  };

  it("passes actionlint, which finds a defect planted in it", async () => {
    assert.deepEqual(await actionlint(text), []);
    const planted = text.replace("contents: read", "contents: reed");
    assert.notEqual(planted, text);
    const findings = await actionlint(planted);
    assert.equal(findings.length, 1);
    assert.match(findings[0], /^\d+:\d+ permissions: "reed" is invalid/);
  });

  it("runs on pull requests; no permission for the workflow, and per job only what that job needs", () => {
    assert.deepEqual(Object.keys(workflow.on), ["pull_request"]);
    assert.deepEqual(workflow.permissions, {});
    assert.deepEqual(Object.keys(workflow.jobs), ["preview", "publish"]);
    // The job that runs the pull request's code (npm ci, the program, the pack) can only read.
    assert.deepEqual(workflow.jobs.preview.permissions, { contents: "read" });
    // The job that writes runs none of it: no checkout, no npm, no pulumi.
    const { publish } = workflow.jobs;
    assert.deepEqual(publish.permissions, { "pull-requests": "write", "security-events": "write" });
    assert.equal(publish.needs, "preview");
    for (const s of publish.steps) {
      assert.doesNotMatch(s.uses ?? "", /checkout|setup-node|pulumi\/actions/);
      assert.doesNotMatch(s.run ?? "", /\b(npm|npx|pulumi|node)\b/);
    }
  });

  it("hands the stack's secrets to the preview step alone, and never to a fork's pull request", () => {
    const preview = step(/pulumi preview --cwd/);
    const secretUses = [...text.matchAll(/secrets\.[A-Z_]+/g)].map((m) => m[0]);
    assert.deepEqual(secretUses.sort(), ["secrets.PULUMI_ACCESS_TOKEN", "secrets.PULUMI_CONFIG_PASSPHRASE"]);
    assert.deepEqual(
      { token: preview.env?.PULUMI_ACCESS_TOKEN, passphrase: preview.env?.PULUMI_CONFIG_PASSPHRASE },
      {
        token: `\${{ ${SAME_REPOSITORY} && secrets.PULUMI_ACCESS_TOKEN || '' }}`,
        passphrase: `\${{ ${SAME_REPOSITORY} && secrets.PULUMI_CONFIG_PASSPHRASE || '' }}`,
      },
    );
    assert.equal(
      preview.env?.FORK,
      "${{ github.event.pull_request.head.repo.full_name != github.repository }}",
    );
    for (const scope of [workflow.env, ...Object.values(workflow.jobs).map((j) => j.env ?? {})]) {
      assert.ok(!Object.keys(scope).some((k) => /TOKEN|PASSPHRASE/.test(k)), "no secret for every step");
    }
    const npmCi = steps.find((s) => s.run === "npm ci")!;
    assert.equal(npmCi.env, undefined, "install scripts see no secret");
  });

  it("its preview step runs pulumi with the secrets for a branch, and with none against a throwaway backend for a fork", () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-check-"));
    try {
      // A `pulumi` that records the state settings it was started with.
      writeTool(
        dir,
        "pulumi",
        `printf '%s|%s|%s|%s\\n' "\${PULUMI_ACCESS_TOKEN-unset}" "\${PULUMI_BACKEND_URL-unset}" "\${PULUMI_CONFIG_PASSPHRASE-unset}" "$1" >> "${dir}/pulumi.log"\n`,
      );
      const preview = step(/pulumi preview --cwd/);
      const seen = (fork: boolean) => {
        rmSync(join(dir, "pulumi.log"), { force: true });
        const run = runStep(preview.run!, dir, {
          ...workflow.env,
          PATH: `${dir}:${process.env.PATH}`,
          RUNNER_TEMP: dir,
          GITHUB_OUTPUT: join(dir, "output"),
          FORK: String(fork),
          // What GitHub would put there without the guard.
          PULUMI_ACCESS_TOKEN: "pul-token",
          PULUMI_BACKEND_URL: "s3://state",
          PULUMI_CONFIG_PASSPHRASE: "stack passphrase",
        });
        assert.equal(run.status, 0, run.stderr);
        return readFileSync(join(dir, "pulumi.log"), "utf8").trim().split("\n");
      };
      assert.deepEqual(seen(false), [
        "pul-token|s3://state|stack passphrase|stack",
        "pul-token|s3://state|stack passphrase|preview",
      ]);
      const local = `file://${dir}/pulumi-state`;
      assert.deepEqual(seen(true), [`unset|${local}||stack`, `unset|${local}||preview`]);
      assert.ok(existsSync(join(dir, "pulumi-state")), "the fork's backend directory exists");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("pins every action by commit, the release in a comment: checkout, setup-node, the Pulumi CLI installer, the artifact hand-over, the SARIF upload", () => {
    const names = pinnedActions(text);
    assert.equal(names.length, steps.filter((s) => s.uses).length, "every uses: line is read");
    assert.deepEqual(names, [
      "actions/checkout",
      "actions/setup-node",
      "pulumi/actions",
      "actions/upload-artifact",
      "actions/download-artifact",
      "github/codeql-action/upload-sarif",
    ]);
    const checkout = steps.find((s) => s.uses?.startsWith("actions/checkout@"))!;
    assert.equal(checkout.with?.["persist-credentials"], false, "the token is not left in .git/config");
    const installer = steps.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
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

  it("posts the findings even when the preview failed: job summary, the report handed to the publish job, comment, SARIF", () => {
    const report = step(/pulumi-hyperv report/);
    assert.equal(report.if, "${{ !cancelled() }}");
    assert.match(report.run!, /pulumi-hyperv report preview\.json --format markdown > policy-report\.md/);
    assert.match(report.run!, /pulumi-hyperv report preview\.json --format sarif .*> policy-report\.sarif/);
    assert.match(report.run!, /cat policy-report\.md >> "\$GITHUB_STEP_SUMMARY"/);
    const { preview, publish } = workflow.jobs;
    const keep = preview.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
    assert.match(keep.if!, /!cancelled\(\)/);
    assert.deepEqual(String(keep.with?.path).trim().split("\n"), ["policy-report.md", "policy-report.sarif"]);
    assert.equal(publish.if, "${{ !cancelled() }}", "published when the preview job failed");
    const fetched = publish.steps.find((s) => s.uses?.startsWith("actions/download-artifact@"))!;
    assert.equal(fetched.with?.name, keep.with?.name);
    const comment = step(/gh api/);
    assert.equal(comment["continue-on-error"], true, "fork pull requests have a read-only token");
    assert.equal(comment.env?.GH_TOKEN, "${{ github.token }}");
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))!;
    assert.equal(upload.with?.sarif_file, "policy-report.sarif");
  });

  it("its comment step, run by bash against a recorded GitHub API, updates the comment its marker names and no other", () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-check-"));
    try {
      writeFileSync(join(dir, "policy-report.md"), "| policy | level |\n");
      // A `gh` that serves the pull request's comments (two pages, as --paginate prints them) and logs each call.
      writeTool(
        dir,
        "gh",
        `echo "$*" >> "${dir}/gh.log"\n[ "$3" = "--paginate" ] && cat "${dir}/page1.json" "${dir}/page2.json"\nexit 0\n`,
      );
      const comment = step(/gh api/);
      const env = {
        PATH: `${dir}:${process.env.PATH}`,
        GH_TOKEN: "t",
        PR: "7",
        REPO: "owner/repo",
        // As GitHub evaluates the step's env from the workflow's.
        MARKER: comment
          .env!.MARKER.replace("${{ env.PROJECT_DIR }}", workflow.env.PROJECT_DIR)
          .replace("${{ env.STACK }}", workflow.env.STACK),
      };
      assert.doesNotMatch(env.MARKER, /\$\{\{/);
      assert.match(env.MARKER, /^<!-- .* -->$/, "hidden in the rendered comment");
      const bot = "github-actions[bot]";
      const calls = (page1: unknown[], page2: unknown[]) => {
        writeFileSync(join(dir, "page1.json"), JSON.stringify(page1));
        writeFileSync(join(dir, "page2.json"), JSON.stringify(page2));
        rmSync(join(dir, "gh.log"), { force: true });
        const run = runStep(comment.run!, dir, env);
        assert.equal(run.status, 0, run.stderr);
        return readFileSync(join(dir, "gh.log"), "utf8").trim().split("\n").slice(1);
      };
      const ours = { id: 42, user: { login: bot }, body: `${env.MARKER}\nold findings` };
      const otherStack = {
        id: 43,
        user: { login: bot },
        body: env.MARKER.replace(workflow.env.STACK, `${workflow.env.STACK}2`),
      };
      const lastByTheBot = { id: 44, user: { login: bot }, body: "a deployment note" };
      const copiedByAPerson = { id: 45, user: { login: "someone" }, body: `${env.MARKER}\nquoted` };
      assert.deepEqual(calls([ours, otherStack], [copiedByAPerson, lastByTheBot]), [
        "api --method PATCH repos/owner/repo/issues/comments/42 -F body=@policy-comment.md",
      ]);
      assert.deepEqual(calls([otherStack, lastByTheBot], [copiedByAPerson]), [
        "api --method POST repos/owner/repo/issues/7/comments -F body=@policy-comment.md",
      ]);
      assert.equal(
        readFileSync(join(dir, "policy-comment.md"), "utf8"),
        `${env.MARKER}\n| policy | level |\n`,
        "the marker on the comment's first line, the report after it",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails the preview job last, when the preview failed (a mandatory violation makes it fail)", () => {
    const { steps: previewSteps } = workflow.jobs.preview;
    const last = previewSteps[previewSteps.length - 1];
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

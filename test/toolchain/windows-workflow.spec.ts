import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { actionlint, pinnedActions } from "./workflow-lint";

const ROOT = join(__dirname, "..", "..");
const WORKFLOW = join(ROOT, ".github", "workflows", "windows.yml");

/** The keys GitHub Actions accepts on a step, and the shells it knows (workflow syntax reference). */
const STEP_KEYS = new Set([
  "id",
  "if",
  "name",
  "uses",
  "run",
  "working-directory",
  "shell",
  "with",
  "env",
  "continue-on-error",
  "timeout-minutes",
]);
const SHELLS = new Set(["bash", "pwsh", "python", "sh", "cmd", "powershell"]);

interface Step {
  [key: string]: unknown;
  uses?: string;
  run?: string;
  shell?: string;
}
interface Job {
  "runs-on": string;
  permissions: Record<string, string>;
  defaults: { run: { shell: string } };
  strategy: { matrix: { include: Array<{ shell: string; executable: string }> } };
  env: Record<string, string>;
  steps: Step[];
}

describe(".github/workflows/windows.yml: the runtime and simulator on Windows, under 5.1 and pwsh 7", () => {
  const text = readFileSync(WORKFLOW, "utf8");
  const workflow = parse(text) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, Job>;
  };
  const jobs = Object.values(workflow.jobs);
  const steps = jobs.flatMap((job) => job.steps);

  it("is valid YAML with triggers and one Windows job per PowerShell", () => {
    assert.deepEqual(Object.keys(workflow.on).sort(), ["pull_request", "push", "workflow_dispatch"]);
    assert.equal(jobs.length, 1);
    const [job] = jobs;
    assert.match(job["runs-on"], /^windows-/);
    assert.deepEqual(job.strategy.matrix.include, [
      { shell: "powershell", executable: "powershell.exe" },
      { shell: "pwsh", executable: "pwsh.exe" },
    ]);
    // The runtime starts its sessions with HYPERV_PWSH: the matrix's PowerShell.
    assert.equal(job.env.HYPERV_PWSH, "${{ matrix.executable }}");
    // Every script runs in it too: only the job's defaults may name the matrix (a step's shell: cannot).
    assert.equal(job.defaults.run.shell, "${{ matrix.shell }}");
  });

  it("passes actionlint, reads the repository and nothing more, and pins its actions by commit", async () => {
    assert.deepEqual(await actionlint(text), []);
    assert.deepEqual(workflow.permissions, {});
    assert.deepEqual(jobs[0].permissions, { contents: "read" });
    assert.deepEqual(pinnedActions(text), [
      "actions/checkout",
      "actions/setup-node",
      "actions/upload-artifact",
    ]);
    const checkout = steps.find((step) => step.uses?.startsWith("actions/checkout@"))!;
    assert.deepEqual(checkout.with, { "persist-credentials": false });
  });

  it("names only valid step keys and shells", () => {
    for (const step of steps) {
      for (const key of Object.keys(step)) assert.ok(STEP_KEYS.has(key), `unknown step key '${key}'`);
      assert.ok(
        (step.uses === undefined) !== (step.run === undefined),
        "a step either uses an action or runs",
      );
      if (step.shell !== undefined) {
        assert.ok(step.run, "a shell only goes with run");
        assert.ok(SHELLS.has(step.shell), `unknown shell ${step.shell}`);
      }
    }
  });

  it("runs the runtime suites with mocha and the simulator and prelude suites with Pester in the matrix's shell", () => {
    const runs = steps.flatMap((step) => (step.run ? [step] : []));
    const mocha = runs.find((step) => step.run!.includes("mocha"));
    assert.ok(mocha, "a step runs mocha");
    for (const suite of ["test/powershell/*.spec.ts", "test/integration/*.spec.ts"]) {
      assert.ok(mocha.run!.includes(`"${suite}"`), `mocha runs ${suite}`);
    }
    const pester = runs.find((step) => step.run!.includes("run-pester.ps1"));
    assert.ok(pester, "a step runs Pester");
    assert.equal(pester.shell, undefined, "the job's shell: the matrix's");
    assert.match(pester.run!, /'test\/simulator', 'test\/powershell'/);
    for (const path of ["scripts/run-pester.ps1", "test/simulator", "test/powershell", "test/integration"]) {
      assert.ok(existsSync(join(ROOT, path)), `${path} exists`);
    }
    const install = runs.find((step) => step.run!.includes("Install-Module"));
    assert.ok(install && install.shell === undefined, "Pester is installed for the shell that runs it");
  });
});

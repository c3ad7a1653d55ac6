// `npm test`: installs the toolchain if needed, runs the mocha (TypeScript) and Pester (PowerShell)
// suites side by side, prints one summary and fails when either suite fails. Mocha runs its spec
// files in parallel worker processes (scripts/test-plan.mjs says which, and which run alone after);
// c8 reports the coverage of the mocha processes (scripts/mocha-coverage.mjs). `npm test -- --grep X` passes
// options to mocha; `npm test -- test/cli` runs only the spec files under those paths (and Pester).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { ensureOpenSshServer } from "./openssh.mjs";
import { pesterFiles, planSpecs, splitArguments } from "./test-plan.mjs";
import { ensureToolchain, projectRoot } from "./toolchain.mjs";

/**
 * Mocha's worker processes: a spec file mostly waits on the processes it starts (pwsh, Pulumi's
 * hosts), so one more worker than cores keeps the cores busy. HYPERV_TEST_JOBS overrides; 1 runs
 * every spec file in one mocha process, one after another.
 */
const JOBS = Number(process.env.HYPERV_TEST_JOBS) || availableParallelism() + 1;

/**
 * Runs a command; its output goes to this process's stdout as it comes when `live` says so, and is
 * held back (and printed once `live` turns true) otherwise, so two suites never interleave.
 */
function run(command, args, env, live) {
  let output = "";
  let held = "";
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const write = (chunk) => {
    output += chunk;
    if (live()) process.stdout.write(chunk);
    else held += chunk;
  };
  child.stdout.on("data", write);
  child.stderr.on("data", write);
  const result = new Promise((resolve) => {
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
    child.on("error", (error) => resolve({ code: 1, output: String(error) }));
  });
  return {
    result,
    /** Prints what was held back; from now on the output is printed as it comes. */
    release() {
      process.stdout.write(held);
      held = "";
    },
  };
}

function count(pattern, text) {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : 0;
}

const toolchain = ensureToolchain();
const sshd = ensureOpenSshServer();
const coverageDir = join(projectRoot, "coverage", "tmp");
rmSync(coverageDir, { recursive: true, force: true });
const env = {
  HYPERV_PWSH: toolchain.pwsh,
  HYPERV_PESTER: toolchain.pester,
  ...(sshd ? { HYPERV_SSHD: sshd } : {}),
};
const { paths, options } = splitArguments(projectRoot, process.argv.slice(2));
const planned = planSpecs(projectRoot, paths.length > 0 ? paths : ["test"]);
const specs = JOBS > 1 ? planned : { parallel: [], serial: [...planned.parallel, ...planned.serial] };
const pesterPaths = paths.length > 0 ? pesterFiles(projectRoot, paths) : ["test"];
const mochaBin = join(projectRoot, "node_modules", "mocha", "bin", "mocha.js");
const c8Bin = join(projectRoot, "node_modules", "c8", "bin", "c8.js");

let pesterLive = false;
const noPester = { result: Promise.resolve({ code: 0, output: "" }), release() {} };
const pester =
  pesterPaths.length === 0
    ? noPester
    : run(
        toolchain.pwsh,
        [
          "-NoProfile",
          "-NonInteractive",
          "-File",
          join(projectRoot, "scripts", "run-pester.ps1"),
          "-PesterManifest",
          toolchain.pester,
          "-Path",
          pesterPaths.map((p) => join(projectRoot, p)).join(","),
        ],
        env,
        () => pesterLive,
      );

const mochaEnv = { ...env, NODE_V8_COVERAGE: coverageDir };
const coverageHook = ["--require", join(projectRoot, "scripts", "mocha-coverage.mjs")];
const mochaRuns = [];
if (specs.parallel.length > 0) {
  const args = [
    mochaBin,
    "--parallel",
    "--jobs",
    String(JOBS),
    ...coverageHook,
    ...options,
    ...specs.parallel,
  ];
  mochaRuns.push(await run(process.execPath, args, mochaEnv, () => true).result);
}
if (specs.serial.length > 0) {
  const args = [mochaBin, ...coverageHook, ...options, ...specs.serial];
  mochaRuns.push(await run(process.execPath, args, mochaEnv, () => true).result);
}
const coverage = await run(process.execPath, [c8Bin, "report", "--reporter=text-summary"], {}, () => true)
  .result;
pesterLive = true;
pester.release();
const pesterRun = await pester.result;

const mochaCounts = { passed: 0, failed: 0, skipped: 0 };
for (const { code, output } of mochaRuns) {
  const failed = count(/^\s*(\d+) failing/m, output);
  mochaCounts.passed += count(/^\s*(\d+) passing/m, output);
  mochaCounts.failed += code !== 0 && failed === 0 ? 1 : failed;
  mochaCounts.skipped += count(/^\s*(\d+) pending/m, output);
}
if (coverage.code !== 0) mochaCounts.failed += 1;

const pesterLine = /^PESTER-SUMMARY (.*)$/m.exec(pesterRun.output);
const pesterCounts = pesterLine
  ? JSON.parse(pesterLine[1])
  : { passed: 0, failed: pesterPaths.length > 0 ? 1 : 0, skipped: 0 };
if (pesterRun.code !== 0 && pesterCounts.failed === 0) pesterCounts.failed = 1;

const total = {
  passed: mochaCounts.passed + pesterCounts.passed,
  failed: mochaCounts.failed + pesterCounts.failed,
  skipped: mochaCounts.skipped + pesterCounts.skipped,
};
const line = (c) => `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
console.log("");
console.log(`mocha (TypeScript): ${line(mochaCounts)}`);
console.log(`Pester (PowerShell): ${line(pesterCounts)}`);
console.log(`total: ${line(total)}`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);

// `npm test`: installs the toolchain if needed, runs the mocha (TypeScript) and Pester
// (PowerShell) suites, prints one summary and fails when either suite fails.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ensureOpenSshServer } from "./openssh.mjs";
import { ensureToolchain, projectRoot } from "./toolchain.mjs";

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    let output = "";
    const child = spawn(command, args, {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout.on("data", (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
    child.on("error", (error) => resolve({ code: 1, output: String(error) }));
  });
}

function count(pattern, text) {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : 0;
}

const toolchain = ensureToolchain();
const sshd = ensureOpenSshServer();
const env = {
  HYPERV_PWSH: toolchain.pwsh,
  HYPERV_PESTER: toolchain.pester,
  ...(sshd ? { HYPERV_SSHD: sshd } : {}),
};
const extraMocha = process.argv.slice(2);

const mochaBin = join(projectRoot, "node_modules", "mocha", "bin", "mocha.js");
const c8Bin = join(projectRoot, "node_modules", "c8", "bin", "c8.js");
const mocha = await run(
  process.execPath,
  [c8Bin, "--reporter=text-summary", process.execPath, mochaBin, ...extraMocha],
  env,
);
const mochaCounts = {
  passed: count(/^\s*(\d+) passing/m, mocha.output),
  failed: count(/^\s*(\d+) failing/m, mocha.output),
  skipped: count(/^\s*(\d+) pending/m, mocha.output),
};
if (mocha.code !== 0 && mochaCounts.failed === 0) mochaCounts.failed = 1;

const pester = await run(
  toolchain.pwsh,
  [
    "-NoProfile",
    "-NonInteractive",
    "-File",
    join(projectRoot, "scripts", "run-pester.ps1"),
    "-PesterManifest",
    toolchain.pester,
  ],
  env,
);
const pesterLine = /^PESTER-SUMMARY (.*)$/m.exec(pester.output);
const pesterCounts = pesterLine ? JSON.parse(pesterLine[1]) : { passed: 0, failed: 1, skipped: 0 };
if (pester.code !== 0 && pesterCounts.failed === 0) pesterCounts.failed = 1;

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

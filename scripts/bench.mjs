// `npm run bench`: runs every bench/*.bench.ts in its own process, one after the other, so
// that the ratios each benchmark prints are measured on an otherwise idle process.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ensureOpenSshServer } from "./openssh.mjs";
import { ensureToolchain, projectRoot } from "./toolchain.mjs";

const toolchain = ensureToolchain({ pester: false });
const only = process.argv[2];
// Only the SSH benchmark needs sshd.
const sshd = !only || "ssh.bench.ts".includes(only) ? ensureOpenSshServer() : undefined;
const files = readdirSync(join(projectRoot, "bench"))
  .filter((name) => name.endsWith(".bench.ts") && (!only || name.includes(only)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, ["--import", "tsx", join("bench", file)], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, HYPERV_PWSH: toolchain.pwsh, ...(sshd ? { HYPERV_SSHD: sshd } : {}) },
  });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);

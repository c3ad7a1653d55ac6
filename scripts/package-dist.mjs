// `npm pack` / `npm publish` hooks: `build` (prepack) compiles the package into dist/ (JavaScript
// and .d.ts, with the PowerShell scripts and the simulator module copied alongside, where the
// compiled code looks for them); `clean` (postpack) removes dist/ again. The repository itself
// always runs from its TypeScript sources (bin/load.js), so dist/ exists only while packing.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

/** Directories whose non-TypeScript files the compiled code reads at run time. */
const ASSET_DIRS = ["provider", "cli"];

function copyAssets(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "tools") copyAssets(path);
    } else if (!entry.name.endsWith(".ts")) {
      const target = join(dist, relative(root, path));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
    }
  }
}

function build() {
  rmSync(dist, { recursive: true, force: true });
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  for (const dir of ASSET_DIRS) copyAssets(join(root, dir));
  // The hosts' preloads, found next to the compiled CLI as they are next to the sources.
  mkdirSync(join(dist, "bin"), { recursive: true });
  for (const preload of ["orphan-guard.js", "defer-sdk-dependencies.js"]) {
    cpSync(join(root, "bin", preload), join(dist, "bin", preload));
  }
}

const command = process.argv[2];
if (command === "build") build();
else if (command === "clean") rmSync(dist, { recursive: true, force: true });
else {
  console.error(`usage: node scripts/package-dist.mjs build|clean (got ${command ?? "nothing"})`);
  process.exit(2);
}

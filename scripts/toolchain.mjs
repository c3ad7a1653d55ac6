// Locates or installs the PowerShell 7 and Pester that the project runs on.
//
// pwsh is taken from, in order: the HYPERV_PWSH environment variable (an absolute path), `pwsh`
// on PATH, the project-local install in .tools/pwsh. When none is there and the .NET SDK is,
// PowerShell is installed into .tools/pwsh as a .NET tool, and its session assemblies are compiled
// ahead of time (scripts/pwsh-ready-to-run.mjs). Pester is restored from NuGet into .tools/nuget the
// same way. Nothing is installed outside the project folder.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { join, resolve, delimiter } from "node:path";
import { fileURLToPath } from "node:url";
import { precompilePowerShell } from "./pwsh-ready-to-run.mjs";

export const projectRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));
/** Where project-local tools live; HYPERV_TOOLS_DIR overrides it (used by the toolchain tests). */
export const toolsDir = process.env.HYPERV_TOOLS_DIR
  ? resolve(process.env.HYPERV_TOOLS_DIR)
  : join(projectRoot, ".tools");
export const POWERSHELL_VERSION = "7.6.9";
export const PESTER_VERSION = "5.7.1";

const exe = process.platform === "win32" ? ".exe" : "";

function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, name + exe))) return join(dir, name + exe);
  }
  return undefined;
}

function log(message) {
  process.stderr.write(`[toolchain] ${message}\n`);
}

/** Returns the absolute path of a usable pwsh, installing PowerShell 7 when needed. */
export function ensurePwsh() {
  const explicit = process.env.HYPERV_PWSH;
  if (explicit) {
    if (!existsSync(explicit)) {
      throw new Error(
        `HYPERV_PWSH is set to "${explicit}", but no file exists there. Point it at a pwsh executable or unset it.`,
      );
    }
    return explicit;
  }
  const toolPath = join(toolsDir, "pwsh");
  const local = join(toolPath, "pwsh" + exe);
  if (existsSync(local)) return precompiled(toolPath, local);
  const fromPath = onPath("pwsh");
  if (fromPath) return fromPath;
  if (!onPath("dotnet")) {
    throw new Error(
      "PowerShell 7 was not found and cannot be installed automatically. Install either PowerShell 7 " +
        "(https://learn.microsoft.com/powershell/scripting/install/installing-powershell, so that `pwsh` is on PATH) " +
        "or the .NET SDK 8 or later (so that `dotnet` is on PATH; the project then installs PowerShell " +
        `${POWERSHELL_VERSION} into .tools/pwsh itself), or set HYPERV_PWSH to the path of a pwsh executable.`,
    );
  }
  log(`installing PowerShell ${POWERSHELL_VERSION} as a .NET tool into .tools/pwsh`);
  execFileSync(
    "dotnet",
    ["tool", "install", "PowerShell", "--version", POWERSHELL_VERSION, "--tool-path", toolPath],
    {
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  if (!existsSync(local)) throw new Error(`dotnet tool install finished but ${local} is missing`);
  return precompiled(toolPath, local);
}

/** Compiles the project-local tool's session assemblies ahead of time, once per install. */
function precompiled(toolPath, pwsh) {
  if (onPath("dotnet")) {
    precompilePowerShell({ toolPath, version: POWERSHELL_VERSION, restore: restorePackage, log });
  }
  return pwsh;
}

/**
 * Restores one NuGet package into .tools/nuget (no project references it) and returns its folder.
 * NuGet's own configuration (sources, mirrors) applies.
 */
export function restorePackage(id, version) {
  const folder = join(toolsDir, "nuget", id.toLowerCase(), version.toLowerCase());
  if (existsSync(join(folder, ".nupkg.metadata"))) return folder;
  const work = join(toolsDir, "restore");
  mkdirSync(work, { recursive: true });
  writeFileSync(
    join(work, "restore.csproj"),
    `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="${id}" Version="[${version}]" /></ItemGroup>
</Project>
`,
  );
  try {
    execFileSync("dotnet", ["restore", join(work, "restore.csproj"), "--packages", join(toolsDir, "nuget")], {
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  } catch (error) {
    const output = `${error.stdout ?? ""}${error.stderr ?? ""}`;
    const reason =
      output
        .split("\n")
        .find((line) => /error/i.test(line))
        ?.trim() ?? error.message;
    throw new Error(`dotnet restore of ${id} ${version} failed: ${reason}`, { cause: error });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!existsSync(folder))
    throw new Error(`dotnet restore of ${id} ${version} finished but ${folder} is missing`);
  return folder;
}

/** Returns the path of Pester's module manifest, restoring Pester from NuGet when needed. */
export function ensurePester() {
  const manifest = join(toolsDir, "nuget", "pester", PESTER_VERSION, "tools", "Pester.psd1");
  if (existsSync(manifest)) return manifest;
  if (!onPath("dotnet")) {
    throw new Error(
      `Pester ${PESTER_VERSION} is not in .tools/nuget and the .NET SDK (dotnet) is not on PATH to restore it. Install the .NET SDK 8 or later.`,
    );
  }
  log(`restoring Pester ${PESTER_VERSION} from NuGet into .tools/nuget`);
  restorePackage("Pester", PESTER_VERSION);
  if (!existsSync(manifest)) throw new Error(`dotnet restore finished but ${manifest} is missing`);
  return manifest;
}

/** Ensures both tools and records where they are for the TypeScript side (.tools/toolchain.json). */
export function ensureToolchain({ pester = true } = {}) {
  const pwsh = ensurePwsh();
  const check = spawnSync(
    pwsh,
    ["-NoProfile", "-NonInteractive", "-Command", "$PSVersionTable.PSVersion.ToString()"],
    {
      encoding: "utf8",
    },
  );
  if (check.status !== 0) {
    throw new Error(`${pwsh} did not start: ${check.stderr || check.error?.message}`);
  }
  const result = { pwsh, pwshVersion: check.stdout.trim(), pester: pester ? ensurePester() : undefined };
  mkdirSync(toolsDir, { recursive: true });
  writeFileSync(join(toolsDir, "toolchain.json"), JSON.stringify(result, null, 2) + "\n");
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const result = ensureToolchain();
    log(`pwsh ${result.pwshVersion} at ${result.pwsh}; Pester at ${result.pester}`);
  } catch (error) {
    log(error.message);
    process.exit(1);
  }
}

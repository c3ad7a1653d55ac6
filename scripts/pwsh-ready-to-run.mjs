// Compiles the PowerShell .NET tool's own assemblies ahead of time (ReadyToRun), as Microsoft's
// PowerShell packages ship them.
//
// The PowerShell package on NuGet that `dotnet tool install` uses carries IL only, so every pwsh start
// just-in-time compiles System.Management.Automation and the rest of the engine: about twice the CPU
// of a pwsh from Microsoft's packages, paid by every session the provider, the simulator and the tests
// open. crossgen2 (the compiler the .NET SDK uses for `PublishReadyToRun`), restored from NuGet at the
// version of the runtime pwsh runs on, compiles the assemblies every session loads; the runtime still
// just-in-time compiles anything the image does not cover, so behaviour does not change.
//
// The result is recorded in ready-to-run.json next to the tool, so it is attempted once per install.
// A failure (crossgen2 not served, an unknown platform) leaves the tool as installed and says so.
import { execFileSync, spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { Buffer } from "node:buffer";
import { join } from "node:path";

/** The assemblies every pwsh session loads (checked with [AppDomain]::CurrentDomain.GetAssemblies()). */
export const SESSION_ASSEMBLIES = [
  "System.Management.Automation",
  "pwsh",
  "Microsoft.PowerShell.ConsoleHost",
  "Microsoft.PowerShell.Commands.Utility",
  "Microsoft.PowerShell.Commands.Management",
  "Microsoft.PowerShell.Security",
  "Microsoft.PowerShell.SDK",
  "Microsoft.PowerShell.MarkdownRender",
  "Microsoft.ApplicationInsights",
  "Newtonsoft.Json",
];

/** The record of the attempt, next to the tool's launcher. */
export const RECORD_FILE = "ready-to-run.json";

/**
 * Reads a PE file's CLI header and says whether it carries ReadyToRun code (a ManagedNativeHeader),
 * "il" for a managed assembly without it, or undefined when the file is not a managed assembly.
 */
export function assemblyCodeKind(path) {
  const fd = openSync(path, "r");
  try {
    const read = (offset, length) => {
      const buffer = Buffer.alloc(length);
      return readSync(fd, buffer, 0, length, offset) === length ? buffer : undefined;
    };
    const dos = read(0, 64);
    if (!dos || dos.readUInt16LE(0) !== 0x5a4d) return undefined;
    const pe = dos.readUInt32LE(0x3c);
    const coff = read(pe, 24);
    if (!coff || coff.readUInt32LE(0) !== 0x4550) return undefined;
    const sections = coff.readUInt16LE(6);
    const optionalSize = coff.readUInt16LE(20);
    const optional = read(pe + 24, optionalSize);
    if (!optional) return undefined;
    // Data directory 14 (the CLI header) sits 96 bytes into PE32's directories, 112 into PE32+'s.
    const directories = optional.readUInt16LE(0) === 0x20b ? 112 : 96;
    if (optionalSize < directories + 15 * 8) return undefined;
    const cliRva = optional.readUInt32LE(directories + 14 * 8);
    if (cliRva === 0) return undefined;
    const table = read(pe + 24 + optionalSize, sections * 40);
    if (!table) return undefined;
    const fileOffset = (rva) => {
      for (let i = 0; i < sections; i++) {
        const size = table.readUInt32LE(i * 40 + 8);
        const address = table.readUInt32LE(i * 40 + 12);
        if (rva >= address && rva < address + size) return rva - address + table.readUInt32LE(i * 40 + 20);
      }
      return undefined;
    };
    const cliOffset = fileOffset(cliRva);
    const cli = cliOffset === undefined ? undefined : read(cliOffset, 72);
    if (!cli) return undefined;
    // IMAGE_COR20_HEADER.ManagedNativeHeader: the ReadyToRun header's directory entry, at byte 64.
    return cli.readUInt32LE(64) !== 0 ? "ready-to-run" : "il";
  } finally {
    closeSync(fd);
  }
}

/** The folder of the tool's pwsh.dll: .store/powershell/<v>/powershell/<v>/tools/<tfm>/any/<unix|win>. */
export function powerShellAppDirectory(toolPath, version) {
  const tools = join(toolPath, ".store", "powershell", version, "powershell", version, "tools");
  if (!existsSync(tools)) return undefined;
  const platform = process.platform === "win32" ? "win" : "unix";
  for (const tfm of readdirSync(tools)) {
    const dir = join(tools, tfm, "any", platform);
    if (existsSync(join(dir, "pwsh.dll"))) return dir;
  }
  return undefined;
}

/** The .NET runtime identifier crossgen2's NuGet package is published for on this machine. */
export function crossgenRuntimeIdentifier() {
  const arch = { x64: "x64", arm64: "arm64" }[process.arch];
  if (!arch) return undefined;
  if (process.platform === "win32") return `win-${arch}`;
  if (process.platform === "darwin") return `osx-${arch}`;
  if (process.platform !== "linux") return undefined;
  const glibc = process.report?.getReport?.().header?.glibcVersionRuntime;
  return glibc ? `linux-${arch}` : `linux-musl-${arch}`;
}

/**
 * The installed shared runtime pwsh runs on: the newest Microsoft.NETCore.App with the major and
 * minor version its runtimeconfig.json asks for (the host's default roll-forward takes the latest patch).
 */
export function sharedRuntimeFor(appDir, listRuntimes) {
  const config = JSON.parse(readFileSync(join(appDir, "pwsh.runtimeconfig.json"), "utf8"));
  const wanted = config.runtimeOptions?.framework;
  if (!wanted || wanted.name !== "Microsoft.NETCore.App") return undefined;
  const [major, minor] = String(wanted.version).split(".");
  let best;
  for (const line of listRuntimes.split("\n")) {
    const match = /^Microsoft\.NETCore\.App ((\d+)\.(\d+)\.(\d+)\S*) \[(.+)\]$/.exec(line.trim());
    if (!match || match[2] !== major || match[3] !== minor) continue;
    const patch = Number(match[4]);
    if (!best || patch > best.patch) best = { version: match[1], patch, dir: join(match[5], match[1]) };
  }
  return best && { version: best.version, dir: best.dir };
}

/**
 * Compiles the session assemblies of the PowerShell .NET tool at `toolPath` to ReadyToRun, once per
 * install. `restore(packageId, version)` restores a NuGet package and returns its folder;
 * `assemblies` names the assemblies to compile (SESSION_ASSEMBLIES unless a test narrows it). Returns
 * the record written to ready-to-run.json: { compiled: [...], runtime } or { skipped: reason }.
 */
export function precompilePowerShell({ toolPath, version, restore, log, assemblies = SESSION_ASSEMBLIES }) {
  const recordPath = join(toolPath, RECORD_FILE);
  if (existsSync(recordPath)) return JSON.parse(readFileSync(recordPath, "utf8"));
  const record = compile({ toolPath, version, restore, log, assemblies });
  writeFileSync(recordPath, JSON.stringify(record, null, 2) + "\n");
  if (record.skipped) log(`pwsh runs without ReadyToRun code (sessions start slower): ${record.skipped}`);
  return record;
}

function compile({ toolPath, version, restore, log, assemblies }) {
  const appDir = powerShellAppDirectory(toolPath, version);
  if (!appDir) return { skipped: `no pwsh.dll of PowerShell ${version} under ${toolPath}` };
  const rid = crossgenRuntimeIdentifier();
  if (!rid) return { skipped: `crossgen2 is not published for ${process.platform}-${process.arch}` };
  const runtimes = spawnSync("dotnet", ["--list-runtimes"], { encoding: "utf8" });
  const runtime = runtimes.status === 0 ? sharedRuntimeFor(appDir, runtimes.stdout) : undefined;
  if (!runtime) return { skipped: "the .NET runtime pwsh runs on was not found in `dotnet --list-runtimes`" };
  const pending = assemblies
    .map((name) => join(appDir, `${name}.dll`))
    .filter((path) => existsSync(path) && assemblyCodeKind(path) === "il");
  if (pending.length === 0) return { compiled: [], runtime: runtime.version };
  let crossgen;
  try {
    const packageDir = restore(`Microsoft.NETCore.App.Crossgen2.${rid}`, runtime.version);
    crossgen = join(packageDir, "tools", process.platform === "win32" ? "crossgen2.exe" : "crossgen2");
  } catch (error) {
    return { skipped: `crossgen2 ${runtime.version} for ${rid} could not be restored: ${firstLine(error)}` };
  }
  if (!existsSync(crossgen)) return { skipped: `${crossgen} is missing from its package` };
  log(
    `compiling ${pending.length} PowerShell assemblies ahead of time (ReadyToRun, .NET ${runtime.version})`,
  );
  const targetOs = { win32: "windows", darwin: "osx" }[process.platform] ?? "linux";
  const compiled = [];
  for (const input of pending) {
    const output = `${input}.r2r`;
    try {
      execFileSync(
        crossgen,
        [
          input,
          "-o",
          output,
          "-O",
          "--targetos",
          targetOs,
          "--targetarch",
          process.arch,
          "-r",
          join(runtime.dir, "*.dll"),
          "-r",
          join(appDir, "*.dll"),
        ],
        { stdio: ["ignore", "ignore", "pipe"] },
      );
      renameSync(output, input);
      compiled.push(input.slice(appDir.length + 1));
    } catch (error) {
      rmSync(output, { force: true });
      log(`${input} stays IL: ${firstLine(error)}`);
    }
  }
  return { compiled, runtime: runtime.version };
}

function firstLine(error) {
  const text = String(error?.stderr || error?.message || error).trim();
  return text.split("\n")[0];
}

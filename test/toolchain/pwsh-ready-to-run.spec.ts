import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(__dirname, "..", "..");
const VERSION = "7.6.9";

type Record = { compiled?: string[]; runtime?: string; skipped?: string };
interface ReadyToRun {
  SESSION_ASSEMBLIES: string[];
  RECORD_FILE: string;
  assemblyCodeKind(path: string): "ready-to-run" | "il" | undefined;
  powerShellAppDirectory(toolPath: string, version: string): string | undefined;
  sharedRuntimeFor(appDir: string, listRuntimes: string): { version: string; dir: string } | undefined;
  precompilePowerShell(options: {
    toolPath: string;
    version: string;
    restore: (id: string, version: string) => string;
    log: (message: string) => void;
    assemblies?: string[];
  }): Record;
}
interface Toolchain {
  restorePackage(id: string, version: string): string;
}

const load = async <T>(script: string) =>
  (await import(pathToFileURL(resolve(ROOT, "scripts", script)).href)) as T;

/** The project-local PowerShell tool that `npm test` set up, when it is the one in use. */
const projectTool = join(ROOT, ".tools", "pwsh");

/** The installed shared framework folder, read from `dotnet --list-runtimes`. */
function frameworkDir(): string {
  const line = execFileSync("dotnet", ["--list-runtimes"], { encoding: "utf8" })
    .split("\n")
    .find((l) => l.startsWith("Microsoft.NETCore.App "));
  assert.ok(line, "dotnet lists a Microsoft.NETCore.App runtime");
  const [, version, dir] = /^Microsoft\.NETCore\.App (\S+) \[(.+)\]$/.exec(line.trim())!;
  return join(dir, version);
}

/** Compiles C# into an IL-only assembly with PowerShell's Add-Type (Roslyn) and returns its path. */
function ilAssembly(sandbox: string, name: string, csharp: string): string {
  const source = join(sandbox, `${name}.cs`);
  const output = join(sandbox, `${name}.dll`);
  writeFileSync(source, csharp);
  execFileSync(
    process.env.HYPERV_PWSH!,
    [
      "-NoProfile",
      "-NonInteractive",
      "-Command",
      "Add-Type -Path $env:SOURCE -OutputAssembly $env:OUTPUT -OutputType Library",
    ],
    { env: { ...process.env, SOURCE: source, OUTPUT: output } },
  );
  return output;
}

/** The .NET tool's folder layout holding pwsh's runtime config, a placeholder pwsh.dll and `assembly`. */
function miniatureTool(sandbox: string, assembly: string): { toolPath: string; dir: string } {
  const toolPath = join(sandbox, "pwsh");
  const dir = join(
    toolPath,
    ".store",
    "powershell",
    VERSION,
    "powershell",
    VERSION,
    "tools",
    "net10.0",
    "any",
    "unix",
  );
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "pwsh.runtimeconfig.json"),
    JSON.stringify({ runtimeOptions: { framework: { name: "Microsoft.NETCore.App", version: "10.0.0" } } }),
  );
  writeFileSync(join(dir, "pwsh.dll"), "");
  copyFileSync(assembly, join(dir, basename(assembly)));
  return { toolPath, dir };
}

describe("toolchain: PowerShell's session assemblies compiled ahead of time (scripts/pwsh-ready-to-run.mjs)", () => {
  let sandbox: string;
  beforeEach(() => (sandbox = mkdtempSync(join(tmpdir(), "hyperv-r2r-"))));
  afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

  it("tells a ReadyToRun image from an IL-only assembly and from files that are no assembly", async () => {
    const { assemblyCodeKind } = await load<ReadyToRun>("pwsh-ready-to-run.mjs");
    assert.equal(assemblyCodeKind(join(frameworkDir(), "System.Private.CoreLib.dll")), "ready-to-run");
    const hello = ilAssembly(
      sandbox,
      "Hello",
      'public static class Hello { public static string Say() => "hi"; }',
    );
    assert.equal(assemblyCodeKind(hello), "il");
    assert.equal(assemblyCodeKind(join(ROOT, "package.json")), undefined);
    assert.equal(assemblyCodeKind(process.execPath), undefined, "a native executable is no assembly");
  });

  it("takes the newest installed patch of the runtime major.minor that pwsh's runtimeconfig.json asks for", async () => {
    const { sharedRuntimeFor } = await load<ReadyToRun>("pwsh-ready-to-run.mjs");
    writeFileSync(
      join(sandbox, "pwsh.runtimeconfig.json"),
      JSON.stringify({ runtimeOptions: { framework: { name: "Microsoft.NETCore.App", version: "10.0.0" } } }),
    );
    const listed = [
      "Microsoft.AspNetCore.App 10.0.15 [/dotnet/shared/Microsoft.AspNetCore.App]",
      "Microsoft.NETCore.App 9.0.30 [/dotnet/shared/Microsoft.NETCore.App]",
      "Microsoft.NETCore.App 10.0.3 [/dotnet/shared/Microsoft.NETCore.App]",
      "Microsoft.NETCore.App 10.0.12 [/dotnet/shared/Microsoft.NETCore.App]",
      "Microsoft.NETCore.App 10.1.0 [/dotnet/shared/Microsoft.NETCore.App]",
      "Microsoft.NETCore.App 11.0.0-preview.1 [/dotnet/shared/Microsoft.NETCore.App]",
    ].join("\n");
    assert.deepEqual(sharedRuntimeFor(sandbox, listed), {
      version: "10.0.12",
      dir: join("/dotnet/shared/Microsoft.NETCore.App", "10.0.12"),
    });
    assert.equal(sharedRuntimeFor(sandbox, listed.split("\n")[1]), undefined, "only 9.0 installed");
  });

  it("has compiled the session assemblies of the pwsh this suite runs on, which loads them as such", async function () {
    const { SESSION_ASSEMBLIES, RECORD_FILE, assemblyCodeKind, powerShellAppDirectory } =
      await load<ReadyToRun>("pwsh-ready-to-run.mjs");
    if (process.env.HYPERV_PWSH !== join(projectTool, "pwsh")) this.skip();
    const appDir = powerShellAppDirectory(projectTool, VERSION);
    assert.ok(appDir, "the .NET tool's app folder is found");
    const record = JSON.parse(readFileSync(join(projectTool, RECORD_FILE), "utf8")) as Record;
    assert.equal(record.skipped, undefined, record.skipped);
    for (const name of SESSION_ASSEMBLIES)
      assert.equal(assemblyCodeKind(join(appDir, `${name}.dll`)), "ready-to-run", name);
    // The runtime would quietly fall back to JIT for an image it rejects: a session that JIT-compiles
    // thousands of methods to start says so (an IL-only System.Management.Automation compiles ~8,000).
    const jitted = execFileSync(
      process.env.HYPERV_PWSH!,
      ["-NoProfile", "-NonInteractive", "-Command", "[System.Runtime.JitInfo]::GetCompiledMethodCount()"],
      { encoding: "utf8" },
    );
    assert.ok(Number(jitted) < 2000, `a bare pwsh start JIT-compiled ${jitted.trim()} methods`);
  });

  it("compiles an IL assembly of the tool once, records it, and the image loads and runs", async () => {
    const { assemblyCodeKind, precompilePowerShell, RECORD_FILE } =
      await load<ReadyToRun>("pwsh-ready-to-run.mjs");
    const { restorePackage } = await load<Toolchain>("toolchain.mjs");
    const greeter = ilAssembly(
      sandbox,
      "Greeter",
      'public static class Greeter { public static string Greet(string n) => "hello " + n; }',
    );
    const { toolPath, dir } = miniatureTool(sandbox, greeter);
    const logged: string[] = [];
    const record = precompilePowerShell({
      toolPath,
      version: VERSION,
      restore: restorePackage,
      log: (m) => logged.push(m),
      assemblies: ["Greeter", "Not.Installed"],
    });
    assert.deepEqual(record.compiled, ["Greeter.dll"]);
    assert.equal(assemblyCodeKind(join(dir, "Greeter.dll")), "ready-to-run");
    assert.ok(!existsSync(join(dir, "Greeter.dll.r2r")), "no partial output is left");
    assert.deepEqual(JSON.parse(readFileSync(join(toolPath, RECORD_FILE), "utf8")), record);
    const greeting = execFileSync(
      process.env.HYPERV_PWSH!,
      ["-NoProfile", "-NonInteractive", "-Command", "Add-Type -Path $env:ASSEMBLY; [Greeter]::Greet('host')"],
      { encoding: "utf8", env: { ...process.env, ASSEMBLY: join(dir, "Greeter.dll") } },
    );
    assert.equal(greeting.trim(), "hello host");
    const again = precompilePowerShell({
      toolPath,
      version: VERSION,
      restore: () => assert.fail("a recorded install is not compiled again"),
      log: (m) => logged.push(m),
      assemblies: ["Greeter"],
    });
    assert.deepEqual(again, record);
  });

  it("leaves the tool as installed and says why when crossgen2 cannot be restored", async () => {
    const { assemblyCodeKind, precompilePowerShell } = await load<ReadyToRun>("pwsh-ready-to-run.mjs");
    const { toolPath, dir } = miniatureTool(
      sandbox,
      ilAssembly(sandbox, "Plain", "public static class Plain { }"),
    );
    const logged: string[] = [];
    const record = precompilePowerShell({
      toolPath,
      version: VERSION,
      restore: (id) => {
        throw new Error(`dotnet restore of ${id} failed: error NU1101: Unable to find package ${id}`);
      },
      log: (m) => logged.push(m),
      assemblies: ["Plain"],
    });
    assert.match(record.skipped ?? "", /crossgen2 \S+ for \S+ could not be restored: .*NU1101/);
    assert.equal(assemblyCodeKind(join(dir, "Plain.dll")), "il");
    assert.equal(logged.length, 1);
    assert.match(logged[0], /pwsh runs without ReadyToRun code \(sessions start slower\): crossgen2/);
  });
});

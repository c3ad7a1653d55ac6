/**
 * The package as users get it: `npm pack`, then the tarball installed (with its dependencies, from
 * the npm cache or registry) into a new Pulumi project outside the repository that holds the
 * `sles11-web` example (its program, project and stack files), whose TypeScript program is compiled
 * against the package's `.d.ts` and run by the installed `pulumi-hyperv` command with the installed
 * policy pack, against the simulated host.
 */
import { strict as assert } from "node:assert";
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { parse, stringify } from "yaml";

const ROOT = join(__dirname, "..", "..");
const EXAMPLE = join(ROOT, "examples", "sles11-web");
/** The compiler settings of `pulumi new typescript` (the example ships none: it runs through tsx in a clone). */
const TSCONFIG = join(__dirname, "fixture", "tsconfig.json");
const PACK_NAME = "hyperv-linux-ics";
const STACK = "dev";

/**
 * The example's project file for a compiled program: `main: bin/index.js` (the tsconfig's `outDir`),
 * no tsx (not a dependency of the package, so not in the installed project).
 */
function compiledProject(text: string): string {
  const project = parse(text) as { main: string; runtime: { options: Record<string, unknown> } };
  assert.equal(project.main, "index.ts", "the example's program");
  project.main = "bin/index.js";
  project.runtime.options = { typescript: false };
  return stringify(project);
}

interface Run {
  code: number;
  output: string;
}

/** The environment of the tools run here: npm's own variables of an enclosing `npm test` removed. */
function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of Object.keys(env)) if (/^npm_/i.test(key) || key === "INIT_CWD") delete env[key];
  delete env.PULUMI_CONFIG_PASSPHRASE;
  delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  // The installed bin's `#!/usr/bin/env node` finds this node.
  env.PATH = `${dirname(process.execPath)}${delimiter}${env.PATH ?? ""}`;
  return env;
}

function run(command: string, args: string[], cwd: string, env = cleanEnvironment()): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", (e) => resolve({ code: 1, output: `${output}${String(e)}` }));
    child.once("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The names of the VMs on the simulated host whose state is in `stateDir`. */
function simulatedVmNames(pwsh: string, stateDir: string, moduleDir: string): string[] {
  const script =
    "Import-Module $env:SIM_MODULE; ConvertTo-Json -Compress -InputObject @(Get-VM | ForEach-Object Name)";
  const out = execFileSync(pwsh, ["-NoProfile", "-NonInteractive", "-Command", script], {
    env: { ...process.env, SIM_MODULE: moduleDir, HYPERV_SIM_STATE_DIR: stateDir },
    encoding: "utf8",
  });
  return JSON.parse(out) as string[];
}

/** The blocks of the own-program section of docs/resources.md, in order, with their language. */
function ownProgramSection(): { language: string; text: string }[] {
  const readme = readFileSync(join(ROOT, "docs", "resources.md"), "utf8");
  const start = readme.indexOf("## Using the package in your own program");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ language: m[1], text: m[2] }));
}

describe("the npm package: packed, installed into a new project, deployed with its command and policy pack", function () {
  this.timeout(900000);
  const pwsh = process.env.HYPERV_PWSH;
  let work: string;
  let project: string;
  let stateDir: string;
  let installed: string;
  let tarball: string;

  before(async () => {
    assert.ok(pwsh, "HYPERV_PWSH must name PowerShell 7 (npm test sets it; see README)");
    work = mkdtempSync(join(tmpdir(), "pulumi-hyperv-package-"));
    project = join(work, "project");
    stateDir = join(work, "simulator");
    mkdirSync(stateDir);
    const packed = await run("npm", ["pack", "--pack-destination", work, "--json"], ROOT);
    assert.equal(packed.code, 0, packed.output);
    const [{ filename }] = JSON.parse(packed.output.slice(packed.output.indexOf("[\n"))) as {
      filename: string;
    }[];
    tarball = join(work, filename);
    mkdirSync(project);
    for (const file of ["index.ts", `Pulumi.${STACK}.yaml`])
      copyFileSync(join(EXAMPLE, file), join(project, file));
    writeFileSync(
      join(project, "Pulumi.yaml"),
      compiledProject(readFileSync(join(EXAMPLE, "Pulumi.yaml"), "utf8")),
    );
    copyFileSync(TSCONFIG, join(project, "tsconfig.json"));
    // What the example's README asks of a project: the package, and the packages its program imports.
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({
        name: "installed",
        private: true,
        dependencies: {
          "pulumi-hyperv": `file:${tarball}`,
          "@pulumi/pulumi": dependencies["@pulumi/pulumi"],
          zod: dependencies.zod,
        },
      }),
    );
    const install = await run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"],
      project,
    );
    assert.equal(install.code, 0, install.output);
    installed = join(project, "node_modules", "pulumi-hyperv");
    const stackFile = join(project, `Pulumi.${STACK}.yaml`);
    const stack = parse(readFileSync(stackFile, "utf8")) as { config: Record<string, unknown> };
    stack.config["hyperv:simulatorStateDir"] = stateDir;
    writeFileSync(stackFile, stringify(stack));
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("ships compiled JavaScript with .d.ts types, its licence, changelog and docs (the README links them), no TypeScript sources and no test-only files, and its entry points resolve", () => {
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
      types: string;
      exports: Record<string, { types: string; default: string } | string>;
      bin: Record<string, string>;
    };
    const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
    const sources = listing.filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts"));
    assert.deepEqual(sources, [], "TypeScript sources in the tarball");
    assert.ok(listing.includes("package/dist/provider/index.js"), listing.join("\n"));
    assert.ok(listing.includes("package/dist/policies/index.js"), "the precompiled policy pack");
    for (const file of ["LICENSE", "CHANGELOG.md", "README.md", "docs/resources.md", "docs/hosts.md"])
      assert.ok(listing.includes(`package/${file}`), file);
    // Nothing only the tests read: no spec or Pester file, nothing of test/, not the SARIF schema
    // the report tests validate against, not the Windows PowerShell 5.1 check.
    const testOnly = listing.filter((f) =>
      /^package\/test\/|\.spec\.|\.Tests\.ps1$|sarif-schema|WindowsPowerShellCompatibility/.test(f),
    );
    assert.deepEqual(testOnly, [], "test-only files in the tarball");
    for (const file of [manifest.types, manifest.bin["pulumi-hyperv"]]) readFileSync(join(installed, file));
    for (const entry of Object.values(manifest.exports)) {
      if (typeof entry !== "string") readFileSync(join(installed, entry.types));
    }
    // Resolved by a plain node in the project, as a program there resolves them.
    const resolve = (specifier: string) =>
      execFileSync(process.execPath, ["-p", "require.resolve(process.argv[1])", specifier], {
        cwd: project,
        encoding: "utf8",
        env: cleanEnvironment(),
        stdio: ["ignore", "pipe", "pipe"],
      }).trim();
    for (const specifier of ["pulumi-hyperv", "pulumi-hyperv/provider-implementation"]) {
      assert.ok(resolve(specifier).startsWith(join(installed, "entry")), specifier);
    }
    assert.throws(() => resolve("tsx/cjs"), /Cannot find module/, "tsx is not a runtime dependency");
  });

  it("the own-program section of docs/resources.md, followed literally in an empty directory, deploys and destroys a VM", async () => {
    const blocks = ownProgramSection();
    const [manifest] = blocks.filter((b) => b.language === "json");
    const [projectFile, stackFile] = blocks.filter((b) => b.language === "yaml");
    const [program] = blocks.filter((b) => b.language === "ts");
    const steps = blocks
      .filter((b) => b.language === "text")[0]
      .text.trim()
      .split("\n");
    const own = join(work, "own");
    mkdirSync(own);
    // The README names the tarball of a clone next to the project; here it is the one packed above.
    writeFileSync(
      join(own, "package.json"),
      manifest.text.replace("file:../pulumi-hyperv/pulumi-hyperv-0.1.0.tgz", `file:${tarball}`),
    );
    writeFileSync(join(own, "Pulumi.yaml"), projectFile.text);
    writeFileSync(join(own, "Pulumi.dev.yaml"), stackFile.text);
    writeFileSync(join(own, "index.ts"), program.text);
    assert.deepEqual(
      steps.map((step) => step.split(" ").slice(0, 3).join(" ")),
      ["npm install", "npx pulumi-hyperv setup", "npx pulumi-hyperv up", "npx pulumi-hyperv destroy"],
    );
    // PowerShell 7 is this run's (setup takes HYPERV_PWSH, as the README says, rather than installing one).
    const env = cleanEnvironment({ HYPERV_PWSH: pwsh! });
    for (const step of steps) {
      const [command, ...args] = step.split(" ");
      const extra =
        command === "npm" ? ["--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"] : [];
      const result = await run(command, [...args, ...extra], own, env);
      assert.equal(result.code, 0, `${step}\n${result.output}`);
      if (step.includes(" setup"))
        assert.match(result.output, /PowerShell 7\.\d+\.\d+ at .*: HYPERV_PWSH names it/);
      if (step.includes(" up ")) {
        assert.match(result.output, /VirtualSwitch\s+lan\s+created/);
        assert.match(result.output, /VirtualMachine\s+web01\s+created/);
        const simulator = join(
          own,
          "node_modules",
          "pulumi-hyperv",
          "dist",
          "provider",
          "simulator",
          "Hyper-V",
        );
        assert.deepEqual(simulatedVmNames(pwsh!, join(own, ".hyperv-sim"), simulator), ["web01"]);
      }
      if (step.includes(" destroy ")) assert.match(result.output, /VirtualMachine\s+web01\s+deleted/);
    }
    const simulator = join(own, "node_modules", "pulumi-hyperv", "dist", "provider", "simulator", "Hyper-V");
    assert.deepEqual(simulatedVmNames(pwsh!, join(own, ".hyperv-sim"), simulator), []);
  });

  // What the installed command deploys and destroys, with the installed pack, the own-program
  // section shows above; here, that a program compiled against the package runs (the pack judges
  // each of its guests) and that the installed pack enforces its config.
  it("compiles the example against the package's types; its compiled program runs, and the installed policy pack judges it with its config", async () => {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const compiled = await run(process.execPath, [tsc, "-p", "tsconfig.json"], project);
    assert.equal(compiled.code, 0, compiled.output);

    const bin = join(project, "node_modules", ".bin", "pulumi-hyperv");
    const env = cleanEnvironment({ HYPERV_PWSH: pwsh! });
    const packDir = join("node_modules", "pulumi-hyperv", "policies");

    // The installed pack enforces its config: three NTP servers asked, the example's two refused.
    const packConfig = join(work, "three-ntp-servers.json");
    writeFileSync(packConfig, JSON.stringify({ "linux-ics-ntp-required": { minServers: 3 } }));
    const refused = await run(
      bin,
      ["preview", "-s", STACK, "--json", "--policy-pack", packDir, "--policy-pack-config", packConfig],
      project,
      env,
    );
    assert.notEqual(refused.code, 0, refused.output);
    const findings = (
      JSON.parse(refused.output.slice(refused.output.indexOf("{"))) as {
        policyViolations: { policyPack: string; policyName: string; enforcementLevel: string }[];
      }
    ).policyViolations.map((v) => `${v.policyPack} ${v.policyName} ${v.enforcementLevel}`);
    assert.deepEqual(findings, [
      `${PACK_NAME} linux-ics-ntp-required mandatory`,
      `${PACK_NAME} linux-ics-ntp-required mandatory`,
    ]);
  });
});

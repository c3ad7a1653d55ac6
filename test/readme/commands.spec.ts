/**
 * The docs' commands, run: every command of the ```sh blocks of README.md and of each page of docs/
 * (file by file, in the order of `docPages`) that does not need the Pulumi CLI or a Windows host, in
 * order within its file, in one copy of the repository's committed files (with the repository's
 * node_modules and PowerShell), each expected to exit as its page says, and, where the page says
 * what happens, to print it. So the docs cannot drift from the code.
 */
import { strict as assert } from "node:assert";
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { HOST_CHECKS } from "../../provider/powershell/diagnostics";
import { simulatorContents } from "../examples/support";
import { docPages } from "./doc-pages";
import {
  BLOCK_LANGUAGES,
  readmeCommands,
  runnablePart,
  skipReason,
  SKIP_RULES,
  type ReadmeCommand,
} from "./readme-commands";

const ROOT = join(__dirname, "..", "..");
/** A command of a page, with the page it is in. */
type PageCommand = ReadmeCommand & { file: string };

const PAGES = docPages(ROOT);
const PARSED = PAGES.map((page) => ({ file: page.file, ...readmeCommands(page.text, page.file) }));
const commands: PageCommand[] = PARSED.flatMap((p) => p.commands.map((c) => ({ ...c, file: p.file })));
const languages = PARSED.flatMap((p) => p.languages);

/** What a command printed and returned. */
interface Run {
  code: number;
  stdout: string;
  output: string;
}

/** Checks a command's output makes good what its page says about it; `repo` is the copy. */
interface Expectation {
  /** The page the command is in (README.md unless said). */
  file?: string;
  command: string;
  occurrence?: number;
  check: (run: Run, repo: string) => void;
}

/** The simulated host of a project in the copy holds nothing. */
function assertEmptySimulator(stateDir: string): void {
  const contents = simulatorContents(stateDir);
  assert.deepEqual(
    contents,
    { vms: [], switches: [], diskFiles: [] },
    `left on the simulated host ${stateDir}`,
  );
}

/**
 * The policy findings a command's text output lists, as `level policy resource`, sorted; each
 * finding's text (up to the next finding or section) must end with how to fix it.
 */
function findingsIn(output: string): string[] {
  const findings = [...output.matchAll(/^ +- \[(\w+)\] +(\S+) +\(\S+: ([^)]+)\)\n((?: {10}.*\n)+)/gm)];
  for (const [, , policy, resource, text] of findings) {
    assert.match(text, /Fix: /, `${policy} on ${resource} says how to fix it`);
  }
  return findings.map(([, level, policy, resource]) => `${level} ${policy} ${resource}`).sort();
}

/** What the pages say each command prints (matched by its text, and which time it appears). */
const EXPECTATIONS: Expectation[] = [
  { command: "npm ci && npm start", check: (r) => assert.match(r.output, /\+ [1-9]\d* created/) },
  {
    command: "npm start",
    occurrence: 1,
    check: (r) => assert.match(r.output, /\+ 0 created, ~ 0 updated, - 0 deleted, [1-9]\d* unchanged/),
  },
  {
    command: "npx pulumi-hyperv stack output -s dev",
    check: (r) => {
      assert.match(r.stdout, /vmIds[\s\S]*sles-web/);
      // Outputs that are no input of the program (the power state Hyper-V reports) are set too.
      assert.match(
        r.stdout,
        /vmStates +\{"rhel-legacy":"Running","sles-db":"Running","sles-web":"Running"\}/,
      );
    },
  },
  {
    command: "npm run destroy",
    check: (r, repo) => {
      assert.match(r.output, /- [1-9]\d* deleted/);
      assertEmptySimulator(join(repo, ".hyperv-sim"));
    },
  },
  {
    command: "cd examples/rhel5 && npx pulumi-hyperv up --yes -s dev --policy-pack ../../policies",
    check: (r, repo) => {
      assert.match(r.output, /\+ [1-9]\d* created/);
      const host = simulatorContents(join(repo, "examples", "rhel5", ".hyperv-sim"));
      assert.deepEqual([host.vms.length, host.switches.length], [1, 1], JSON.stringify(host));
    },
  },
  {
    command: "cd examples/rhel5 && npx pulumi-hyperv destroy --yes -s dev",
    check: (r, repo) => {
      assert.match(r.output, /- [1-9]\d* deleted/);
      assertEmptySimulator(join(repo, "examples", "rhel5", ".hyperv-sim"));
    },
  },
  {
    command:
      "cd examples/rhel5 && npx pulumi-hyperv preview -s dev --policy-pack ../../policies --policy-pack-config ../../policies/config/ics-v2-2009-10-rtm.json",
    // The 2009-10 readme lists SLES only: RHEL 5.4 on synthetic devices is refused for that alone.
    check: (r) => assert.deepEqual(findingsIn(r.output), ["mandatory linux-ics-emulated-devices-only rhel5"]),
  },
  {
    command: "cd examples/sles11-web && npx pulumi-hyperv preview -s dev --policy-pack ../../policies",
    check: (r) => assert.match(r.output, /\+ [1-9]\d* to create/),
  },
  {
    command: "cd examples/legacy-distro && npx pulumi-hyperv preview -s dev --policy-pack ../../policies",
    check: (r) => assert.match(r.output, /\+ [1-9]\d* to create/),
  },
  {
    command: "cd examples/fleet && npx pulumi-hyperv preview -s dev --policy-pack ../../policies",
    check: (r) => assert.match(r.output, /\+ [1-9]\d* to create/),
  },
  {
    command: "cd examples/noncompliant && npx pulumi-hyperv preview -s dev --policy-pack ../../policies",
    // Every broken rule the example is built to show, each once.
    check: (r) => {
      assert.deepEqual(findingsIn(r.output), [
        "advisory linux-ics-host-time-sync-unavailable host-time-sync",
        "mandatory linux-ics-emulated-devices-only unsupported-distro",
        "mandatory linux-ics-ntp-required host-time-sync",
        "mandatory linux-ics-single-vcpu smp-guest",
      ]);
    },
  },
  {
    file: "docs/hosts.md",
    command: "npx pulumi-hyperv config -s hv01",
    check: (r, repo) => {
      assert.match(
        r.stdout,
        /^KEY +VALUE\n[\s\S]*hyperv:password +\[secret\]\n[\s\S]*hyperv:username +CORP\\ops\n/,
      );
      const stackFile = readFileSync(join(repo, "Pulumi.hv01.yaml"), "utf8");
      assert.match(stackFile, /^encryptionsalt: v1:/m, "the stack file of the config set --secret twins");
      assert.match(stackFile, /hyperv:password:\n {4}secure: v1:/);
    },
  },
  {
    file: "docs/hosts.md",
    command: "npx pulumi-hyperv doctor -s dev",
    check: (r) => {
      const lines = r.stdout.split("\n").filter((line) => /^\s+(PASS|FAIL|SKIP)\s/.test(line));
      assert.deepEqual(
        lines.map((line) =>
          line
            .trim()
            .split(/\s{2,}/)
            .slice(0, 2)
            .join(" "),
        ),
        ["stack config", ...HOST_CHECKS].map((name) => `PASS ${name}`),
        "one PASS line per check",
      );
      assert.match(r.stdout, /^ {2}PASS {2}Hyper-V module {8}the simulated host, module /m);
      // A pass that warns says what to do.
      assert.match(r.stdout, /no virtual switch yet\n {30}fix: Network adapters need a switch/);
      assert.match(r.stdout, /All checks passed/);
    },
  },
  {
    file: "docs/hosts.md",
    command: "npx pulumi-hyperv doctor -s dev --host simulator://hv01",
    check: (r, repo) => {
      assert.match(r.stdout, /^pulumi-hyperv doctor: simulator:\/\/hv01\n[\s\S]*All checks passed/);
      assert.match(
        r.stdout,
        /PASS {2}host reachable {8}runs on this machine \(simulator:\/\/hv01\); the simulated host does not exist yet .*the first deployment creates it/,
      );
      // A check creates no host: the named host's state comes with its first deployment.
      assert.ok(
        !existsSync(join(repo, ".hyperv-sim", "hosts", "hv01")),
        "no state directory of the named host",
      );
    },
  },
  {
    file: "docs/policy-pack.md",
    command:
      "npx pulumi-hyperv preview -s dev --policy-pack ./policies --policy-pack-config policies/config/strict.json",
    check: (r) => assert.match(r.output, /\[mandatory\]\s+linux-ics-ntp-required/),
  },
  {
    file: "docs/pr-check.md",
    command:
      "cd examples/noncompliant && npx pulumi-hyperv preview -s dev --policy-pack ../../policies --json | npx pulumi-hyperv report -",
    check: (r) =>
      assert.match(r.stdout, /blocked by mandatory policy violations\*\*: 3 mandatory, 1 advisory/),
  },
  {
    file: "docs/cli.md",
    command: "npx pulumi-hyperv up --help",
    check: (r) => assert.match(r.stdout, /--policy-pack-config/),
  },
  {
    file: "docs/development.md",
    command: "npm run setup",
    check: (r) => assert.match(r.output, /pwsh 7\.\d+\.\d+ at /),
  },
  {
    file: "docs/development.md",
    command:
      "HYPERV_PWSH=$PWD/.tools/pwsh/pwsh node node_modules/mocha/bin/mocha.js --no-config --require tsx/cjs --extension ts test/unit/policies/readme-table.spec.ts",
    check: (r) => {
      assert.match(r.stdout, /^\s*\d+ passing/m);
      assert.doesNotMatch(r.stdout, /failing/);
    },
  },
  {
    file: "docs/development.md",
    command: "npm run bench -- policies",
    check: (r) => assert.match(r.stdout, /evaluateVirtualMachine: 10000 VMs/),
  },
];

const sameCommand = (e: Expectation, c: PageCommand) =>
  (e.file ?? "README.md") === c.file && e.command === c.text && (e.occurrence ?? 1) === c.occurrence;
const expectationOf = (c: PageCommand) => EXPECTATIONS.find((e) => sameCommand(e, c));

/** The environment of a user's shell: no variables of an enclosing `npm test`, no test coverage. */
function userEnvironment(pwsh: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HYPERV_PWSH: pwsh };
  for (const key of Object.keys(env)) {
    if (/^npm_/i.test(key) || key === "INIT_CWD" || key === "NODE_V8_COVERAGE") delete env[key];
  }
  delete env.PULUMI_CONFIG_PASSPHRASE;
  delete env.PULUMI_CONFIG_PASSPHRASE_FILE;
  env.PATH = `${dirname(process.execPath)}${delimiter}${env.PATH ?? ""}`;
  return env;
}

/** Runs a shell command line to completion in `cwd`. */
function runShell(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", command], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", (e) => resolve({ code: 127, stdout, output: `${output}${String(e)}` }));
    child.once("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, output }));
  });
}

/**
 * A copy of the repository's committed files, as a clone after `npm ci` has them: `node_modules`
 * is the repository's, `.tools` holds links to its PowerShell and Pester (the toolchain record is
 * the copy's own).
 */
function copyOfRepository(work: string): string {
  const repo = join(work, "pulumi-hyperv");
  const files = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((file) => file !== "" && existsSync(join(ROOT, file)));
  for (const file of files) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    cpSync(join(ROOT, file), join(repo, file), { verbatimSymlinks: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(repo, "node_modules"), "dir");
  mkdirSync(join(repo, ".tools"));
  for (const tool of ["pwsh", "nuget"]) {
    if (existsSync(join(ROOT, ".tools", tool))) {
      symlinkSync(join(ROOT, ".tools", tool), join(repo, ".tools", tool), "dir");
    }
  }
  return repo;
}

describe("docs: the rule that leaves commands out", () => {
  it("leaves out only Pulumi CLI, Windows and real-host commands, the test suite, reinstalls, packing, all benchmarks and the static checks", () => {
    const skipped = (text: string, language: "sh" | "powershell" = "sh") => skipReason({ language, text });
    for (const runnable of [
      "npm start",
      "npm ci && npm start",
      "npm run destroy",
      "npm run build -- --listFiles",
      "npm run bench -- policies",
      "npx pulumi-hyperv up --yes -s dev --policy-pack ./policies",
      "cd examples/fleet && npx pulumi-hyperv up --yes -s dev --policy-pack ../../policies",
      "npx pulumi-hyperv doctor --host simulator",
      "npx pulumi-hyperv doctor --host simulator://hv01",
      "node bin/pulumi-hyperv.js preview",
      "echo pulumi up",
      "npm run test-something",
      "npx pulumi-hyperv report - --format sarif",
    ]) {
      assert.equal(skipped(runnable), undefined, runnable);
    }
    for (const [command, rule] of [
      ["npm test", 0],
      ["npm test -- --grep pool", 0],
      ["npm run test:unit", 0],
      ["pulumi up --policy-pack ./policies", 2],
      ["cd examples/rhel5 && pulumi preview -s dev", 2],
      ["pulumi config set hyperv:host ssh://ops@hv01", 2],
      ["npx pulumi-hyperv doctor --host ssh://ops@hv01.example.com", 3],
      ["npx pulumi-hyperv doctor --host winrm://hv01", 3],
      ["npx pulumi-hyperv doctor --host local", 3],
      ["npm pack", 4],
      ["npm run bench", 5],
      ["npm run build", 6],
      ["npm run lint", 6],
    ] as const) {
      assert.equal(skipped(command), SKIP_RULES[rule].reason, command);
    }
    assert.equal(skipped("Install-WindowsFeature Hyper-V", "powershell"), SKIP_RULES[3].reason);
    assert.equal(skipped("Get-VM", "powershell"), undefined, "PowerShell the simulator could run");
    assert.equal(skipped("npm ci && npm test"), `${SKIP_RULES[1].reason}; ${SKIP_RULES[0].reason}`);
    assert.equal(runnablePart("npm ci && npm start"), "npm start");
  });

  it("reads commands only from sh and powershell blocks, and the pages use no other shell block", () => {
    const sample = [
      "<!-- a comment that mentions",
      "```sh",
      "-->",
      "```sh",
      "npm start  # deploys",
      "npx pulumi-hyperv preview \\",
      "  --json   # exits 1: refused",
      "",
      "npm start",
      "```",
      "```text",
      "npm run destroy",
      "```",
    ].join("\n");
    assert.deepEqual(
      readmeCommands(sample).commands.map((c) => [c.line, c.text, c.expectedExit, c.occurrence]),
      [
        [5, "npm start", 0, 1],
        [6, "npx pulumi-hyperv preview --json", 1, 1],
        [9, "npm start", 0, 2],
      ],
    );
    assert.throws(() => readmeCommands("```sh\nnpm start\n"), /never closed/);
    const unknown = languages.filter((l) => !(BLOCK_LANGUAGES as readonly string[]).includes(l));
    assert.deepEqual(unknown, [], "blocks in other languages (use sh for commands, text for the rest)");
    assert.ok(languages.includes("sh"));
  });

  it("the pages' PowerShell is all for the Windows host", () => {
    for (const c of commands.filter((c) => c.language === "powershell")) {
      assert.ok(
        skipReason(c),
        `${c.file} line ${c.line}: ${c.text} is not Windows-only: make it a command the test runs`,
      );
    }
  });
});

describe("README: the two commands", () => {
  it("shows `npm ci && npm start` and `npm ci && npm test`, and `.ci/run` runs exactly the test command", () => {
    const texts = commands.filter((c) => c.file === "README.md").map((c) => c.text);
    assert.ok(texts.includes("npm ci && npm start"), "the main job's command");
    assert.ok(texts.includes("npm ci && npm test"), "the test command");
    const ci = readFileSync(join(ROOT, ".ci", "run"), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#") && !/^(set|cd)\s/.test(line));
    assert.deepEqual(ci, ["npm ci && npm test"]);
  });

  it("says something about the output of commands it still has", () => {
    for (const e of EXPECTATIONS) {
      assert.ok(
        commands.some((c) => sameCommand(e, c)),
        `no command "${e.command}" in ${e.file ?? "README.md"} (occurrence ${e.occurrence ?? 1})`,
      );
    }
  });
});

describe("docs: their commands, run in a copy of the repository", function () {
  let work: string;
  let repo: string;
  let env: NodeJS.ProcessEnv;

  before(function () {
    this.timeout(120_000);
    const pwsh = process.env.HYPERV_PWSH;
    assert.ok(pwsh, "HYPERV_PWSH must name PowerShell 7 (npm test sets it)");
    work = mkdtempSync(join(tmpdir(), "pulumi-hyperv-readme-"));
    repo = copyOfRepository(work);
    env = userEnvironment(pwsh);
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const command of commands) {
    const reason = skipReason(command);
    const title = `${command.file} line ${command.line}: ${command.text}`;
    if (reason !== undefined) {
      it(`${title} (left out: ${reason})`);
      continue;
    }
    it(title, async function () {
      this.timeout(240_000);
      assert.equal(command.language, "sh", "only shell commands run here");
      const run = await runShell(runnablePart(command.text), repo, env);
      assert.equal(run.code, command.expectedExit, `exit status of ${command.text}:\n${run.output}`);
      expectationOf(command)?.check(run, repo);
    });
  }
});

/**
 * The stack and config commands' parsing, output and files, in process: flags (node:util parseArgs,
 * the CLI's flags this tool lacks), stack selection and its errors and exit codes, config keys and
 * paths, the stack file as `pulumi config set` writes it, import validation, history and Outputs
 * rendering. Ported behaviours cite pulumi/pulumi.
 */
import { strict as assert } from "node:assert";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { parseArgs } from "../../../cli/args";
import { parseDeploymentFlags } from "../../../cli/commands/deployment-flags";
import { UP_FLAGS } from "../../../cli/commands/up";
import { renderStackList, stackSummaries } from "../../../cli/commands/stack/lifecycle";
import { historyJson, renderHistory } from "../../../cli/commands/stack/history";
import { importProblems, snapshotOfDocument } from "../../../cli/commands/stack/state";
import { configListing, renderConfigTable } from "../../../cli/commands/config/read";
import { stackCrypter } from "../../../cli/commands/config/common";
import { parseConfigKey, pathValue, prettyKey } from "../../../cli/config-key";
import { looksLikeSecret } from "../../../cli/config-secret-heuristic";
import { toDeployment } from "../../../cli/engine/checkpoint";
import { secret, SECRET_SIG, SIG } from "../../../cli/engine/properties";
import { EXIT, exitCodeOf, StackNotFoundError } from "../../../cli/errors";
import { main } from "../../../cli/main";
import { loadProject, loadStackConfig } from "../../../cli/project";
import { outputsSection, propertyDiffLine } from "../../../cli/output/property-values";
import { hasChanges } from "../../../cli/operation-outcome";
import { openStackFile, setConfigValue } from "../../../cli/stack-file";
import { currentStack, initStack, resolveStack, setCurrentStack, stackNames } from "../../../cli/stacks";
import type { UpdateRecord } from "../../../cli/history";

function tempProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "pulumi-hyperv-unit-"));
  writeFileSync(join(dir, "Pulumi.yaml"), "name: demo\nruntime: nodejs\n");
  return dir;
}

/** Runs `main` in process, capturing what it writes. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await main(argv), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe("cli: flags", () => {
  it("parses long, short, = forms, repeatable flags, cobra's --bool=false (node:util parseArgs)", () => {
    const specs = [
      { name: "stack", short: "s", kind: "string" as const, description: "" },
      { name: "config", short: "c", kind: "strings" as const, description: "" },
      { name: "yes", short: "y", kind: "boolean" as const, description: "" },
      { name: "diff", kind: "boolean" as const, description: "" },
    ];
    assert.deepEqual(
      parseArgs(["-s", "dev", "-c", "a=1", "--config=b=2", "-y", "--diff=false", "x"], specs, "up"),
      {
        flags: { stack: "dev", config: ["a=1", "b=2"], yes: true, diff: false },
        positionals: ["x"],
      },
    );
    assert.throws(() => parseArgs(["--stack"], specs, "up"), /flag --stack needs a value/);
  });

  it("a flag the Pulumi CLI has but this tool lacks is refused naming it; a typo is unknown", () => {
    const argv = (extra: string[]) => parseDeploymentFlags(extra, "up", []);
    assert.throws(
      () => argv(["--plan", "p.json"]),
      /flag --plan of `pulumi up` is not supported by pulumi-hyperv/,
    );
    assert.throws(() => argv(["--non-interactive"]), /--non-interactive of `pulumi up` is not supported/);
    assert.throws(() => argv(["--tagret", "x"]), /unknown flag --tagret for "up"/);
  });

  it("every deployment flag reaches DeploymentFlags, targeting flags included", async () => {
    const dir = tempProject();
    // `up` refuses --target with --exclude, as the CLI does.
    const both = await run(["up", "-C", dir, "--target", "a", "--exclude", "b"]);
    assert.equal(both.code, EXIT.configuration);
    assert.match(both.stderr, /--target and --exclude/);
    const flags = parseDeploymentFlags(
      [
        "-C",
        dir,
        "-c",
        "a.b=1",
        "--config-path",
        "--config-file",
        "other.yaml",
        "--expect-no-changes",
        "--show-secrets",
        "--suppress-outputs",
        "-m",
        "nightly",
        "--target",
        "urn:a",
        "--target",
        "urn:b",
        "--target-dependents",
        "--replace",
        "urn:c",
        "--continue-on-error",
      ],
      "up",
      UP_FLAGS,
    );
    assert.deepEqual(
      {
        config: flags.config,
        configPath: flags.configPath,
        configFile: flags.configFile,
        expectNoChanges: flags.expectNoChanges,
        showSecrets: flags.showSecrets,
        suppressOutputs: flags.suppressOutputs,
        message: flags.message,
        targets: flags.targets,
        targetDependents: flags.targetDependents,
        replaces: flags.replaces,
        continueOnError: flags.continueOnError,
      },
      {
        config: ["a.b=1"],
        configPath: true,
        configFile: join(dir, "other.yaml"),
        expectNoChanges: true,
        showSecrets: true,
        suppressOutputs: true,
        message: "nightly",
        targets: ["urn:a", "urn:b"],
        targetDependents: true,
        replaces: ["urn:c"],
        continueOnError: true,
      },
    );
    rmSync(dir, { recursive: true });
  });
});

describe("cli: stacks (the local backend's stacks and workspace selection)", () => {
  let dir: string;
  beforeEach(() => (dir = tempProject()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("stack init creates and selects; -s must name an existing stack (exit 6, listing the stacks and stack init)", async () => {
    const project = loadProject(dir);
    assert.deepEqual(stackNames(dir), []);
    assert.throws(() => resolveStack(project, undefined), /requires a stack, but there are none.*stack init/);
    const init = await run(["stack", "init", "dev", "-C", dir]);
    assert.equal(init.code, 0, init.stderr);
    assert.equal(init.stdout, "Created stack 'dev'\n");
    assert.ok(existsSync(join(dir, ".pulumi-hyperv", "stacks", "dev.json")));
    assert.deepEqual(JSON.parse(readFileSync(join(dir, ".pulumi-hyperv", "workspace.json"), "utf8")), {
      stack: "dev",
    });
    const typo = await run(["up", "--yes", "-C", dir, "-s", "dve"]);
    assert.equal(typo.code, EXIT.stackNotFound);
    assert.match(typo.stderr, /no stack named 'dve' found \(the stacks are dev\).*stack init dve/);
    assert.equal(exitCodeOf(new StackNotFoundError("x")), 6);
    // A stack file declares a stack too (a committed Pulumi.<stack>.yaml on a fresh clone).
    writeFileSync(join(dir, "Pulumi.prod.yaml"), "config: {}\n");
    assert.deepEqual(stackNames(dir), ["dev", "prod"]);
    assert.equal(resolveStack(project, undefined), "dev", "the selected one");
    setCurrentStack(dir, undefined);
    assert.throws(
      () => resolveStack(project, undefined),
      /no stack selected; specify a stack name with --stack/,
    );
    assert.throws(() => resolveStack(project, "../x"), /invalid stack name/);
    const again = await run(["stack", "init", "dev", "-C", dir]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /stack 'dev' already exists/);
  });

  it("stack select: an unknown stack is an error unless --create; ls marks the current one", async () => {
    const missing = await run(["stack", "select", "qa", "-C", dir]);
    assert.equal(missing.code, EXIT.stackNotFound);
    const created = await run(["stack", "select", "--create", "qa", "-C", dir]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(currentStack(dir), "qa");
    initStack(loadProject(dir), "dev", false);
    assert.equal(currentStack(dir), "qa");
    const ls = await run(["stack", "ls", "-C", dir, "--json"]);
    assert.deepEqual(JSON.parse(ls.stdout), [
      { name: "dev", current: false, resourceCount: 0 },
      { name: "qa", current: true, resourceCount: 0 },
    ]);
    // pulumi/pulumi pkg/cmd/pulumi/stack/stack_list.go formatStackSummariesConsole
    assert.equal(
      renderStackList(
        [
          { name: "dev", current: false, lastUpdate: "2026-12-07T10:00:00.000Z", resourceCount: 3 },
          { name: "qa", current: true },
        ],
        new Date("2026-12-07T12:00:00.000Z"),
      ),
      "NAME  LAST UPDATE  RESOURCE COUNT\ndev   2 hours ago  3\nqa*   n/a          n/a\n",
    );
    assert.equal(stackSummaries(dir).length, 2);
  });

  it("stack rm refuses a stack with resources unless --force, needs --yes without a terminal, removes its files", async () => {
    const project = loadProject(dir);
    initStack(project, "dev");
    writeFileSync(join(dir, "Pulumi.dev.yaml"), "config:\n  demo:a: b\n");
    const noSecrets = { crypter: () => assert.fail("no secrets"), salt: () => undefined };
    const doc = toDeployment(
      {
        resources: [
          {
            urn: "urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev",
            custom: false,
            type: "pulumi:pulumi:Stack",
          },
        ],
        pendingOperations: [],
      },
      noSecrets,
    );
    writeFileSync(join(dir, ".pulumi-hyperv", "stacks", "dev.json"), JSON.stringify(doc));
    const noYes = await run(["stack", "rm", "dev", "-C", dir]);
    assert.equal(noYes.code, EXIT.configuration);
    assert.match(noYes.stderr, /--yes must be passed/);
    const refused = await run(["stack", "rm", "dev", "--yes", "-C", dir]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /'dev' still has resources; removal rejected[\s\S]*stack rm --force/);
    const forced = await run(["stack", "rm", "dev", "--yes", "--force", "-C", dir]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(forced.stdout, "Stack 'dev' has been removed!\n");
    assert.deepEqual(stackNames(dir), [], "checkpoint and Pulumi.dev.yaml are gone");
    assert.equal(currentStack(dir), undefined);
  });

  it("stack import validates the document (shape, integrity) before replacing the state", async () => {
    const scratch = join(dir, "scratch.json");
    assert.throws(
      () => snapshotOfDocument({ version: 2, deployment: {} }, scratch),
      /only deployment version 3/,
    );
    const manifest = { time: "t", magic: "m", version: "v" };
    const child = {
      urn: "urn:pulumi:dev::demo::a:b:C::c",
      custom: true,
      type: "a:b:C",
      parent: "urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev",
    };
    // pulumi/pulumi pkg/cmd/pulumi/stack/io.go SaveSnapshot: another stack's resources, integrity errors.
    const orphan = snapshotOfDocument({ version: 3, deployment: { manifest, resources: [child] } }, scratch);
    assert.deepEqual(importProblems(orphan.snapshot, "dev"), [
      "state file contains errors: snapshot integrity failure: child resource urn:pulumi:dev::demo::a:b:C::c refers to missing parent urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev",
    ]);
    assert.deepEqual(importProblems(orphan.snapshot, "prod"), [
      "resource 'urn:pulumi:dev::demo::a:b:C::c' is from a different stack (dev != prod)",
      "state file contains errors: snapshot integrity failure: child resource urn:pulumi:dev::demo::a:b:C::c refers to missing parent urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev",
    ]);
    assert.throws(
      () =>
        snapshotOfDocument(
          { version: 3, deployment: { manifest, resources: [{ urn: "x", type: "t" }] } },
          scratch,
        ),
      /deployment.resources.0.urn[\s\S]*deployment.resources.0.custom/,
    );
    initStack(loadProject(dir), "dev");
    const file = join(dir, "orphan.json");
    writeFileSync(file, JSON.stringify({ version: 3, deployment: { manifest, resources: [child] } }));
    const refused = await run(["stack", "import", "--file", file, "-C", dir]);
    assert.equal(refused.code, EXIT.configuration);
    assert.match(refused.stderr, /importing this file could be dangerous; rerun with --force/);
    assert.equal(
      readFileSync(join(dir, ".pulumi-hyperv", "stacks", "dev.json"), "utf8").includes("a:b:C"),
      false,
    );
    const forced = await run(["stack", "import", "--file", file, "--force", "-C", dir]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(forced.stdout, "Import complete.\n");
    assert.match(forced.stderr, /warning: state file contains errors/);
    const ok = snapshotOfDocument({ version: 3, deployment: { manifest } }, scratch);
    assert.deepEqual(ok.snapshot, { resources: [], pendingOperations: [] });
    assert.ok(!existsSync(scratch));
  });
});

describe("cli: config (Pulumi.<stack>.yaml as pulumi config set writes it)", () => {
  let dir: string;
  beforeEach(() => (dir = tempProject()));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keys: namespaces, property paths, path values (config.ParseKey, ParseConfigKey)", () => {
    assert.deepEqual(parseConfigKey("name", "demo"), { key: "demo:name", path: [] });
    assert.deepEqual(parseConfigKey("hyperv:host", "demo"), { key: "hyperv:host", path: [] });
    assert.deepEqual(parseConfigKey('hyperv:vm.disks[1]["a.b"]', "demo", true), {
      key: "hyperv:vm",
      path: ["disks", 1, "a.b"],
    });
    assert.deepEqual(parseConfigKey("names[0]", "demo", true), { key: "demo:names", path: [0] });
    assert.throws(() => parseConfigKey("a..b", "demo", true), /invalid property path/);
    assert.equal(prettyKey("demo:name", "demo"), "name");
    assert.equal(prettyKey("hyperv:host", "demo"), "hyperv:host");
    assert.deepEqual(
      [pathValue("true"), pathValue("42"), pathValue("4.2"), pathValue("x")],
      [true, 42, "4.2", "x"],
    );
    assert.ok(looksLikeSecret("password", "P@ssw0rd123!"));
    assert.ok(!looksLikeSecret("host", "P@ssw0rd123!"));
    assert.ok(!looksLikeSecret("password", "abc"));
  });

  it("config set writes the CLI's YAML: plain values, --path structures, --secret as secure: with encryptionsalt", async () => {
    const passphrase = "unit-test-passphrase";
    process.env.PULUMI_CONFIG_PASSPHRASE = passphrase;
    try {
      initStack(loadProject(dir), "dev");
      assert.equal((await run(["config", "set", "hyperv:host", "simulator", "-C", dir])).code, 0);
      assert.equal((await run(["config", "set", "--path", "vm.disks[0]", "40", "-C", dir])).code, 0);
      const file = openStackFile(join(dir, "Pulumi.dev.yaml"));
      setConfigValue(
        file,
        parseConfigKey("hyperv:password", "demo"),
        file.doc.createNode({ secure: stackCrypter(file, "dev").encrypt("hunter2-Secret") }),
      );
      file.save();
      const text = readFileSync(join(dir, "Pulumi.dev.yaml"), "utf8");
      assert.match(text, /^encryptionsalt: v1:[A-Za-z0-9+/=]+:v1:/m);
      assert.match(
        text,
        /^config:\n {2}hyperv:host: simulator\n {2}demo:vm:\n {4}disks:\n {6}- 40\n {2}hyperv:password:\n {4}secure: v1:/m,
      );
      assert.ok(!text.includes("hunter2-Secret"));
      const config = loadStackConfig(loadProject(dir), "dev");
      assert.equal(config.values["hyperv:password"], "hunter2-Secret");
      assert.deepEqual(config.secretKeys, ["hyperv:password"]);
      const get = await run(["config", "get", "hyperv:password", "-C", dir]);
      assert.equal(get.stdout, "hunter2-Secret\n");
      const ls = await run(["config", "-C", dir]);
      // Sorted by the full key (the CLI's config.KeyArray), shown without the project's namespace.
      assert.equal(
        ls.stdout,
        'KEY              VALUE\nvm               {"disks":[40]}\nhyperv:host      simulator\nhyperv:password  [secret]\n',
      );
      const json = await run(["config", "ls", "--json", "-C", dir]);
      assert.deepEqual(JSON.parse(json.stdout)["hyperv:password"], { secret: true });
      const plaintext = await run(["config", "set", "hyperv:password", "P@ssw0rd123!", "-C", dir]);
      assert.equal(plaintext.code, EXIT.configuration);
      assert.match(plaintext.stderr, /looks like a secret; rerun with --secret/);
      assert.equal((await run(["config", "rm", "hyperv:host", "-C", dir])).code, 0);
      const missing = await run(["config", "get", "hyperv:host", "-C", dir]);
      assert.match(missing.stderr, /configuration key 'hyperv:host' not found for stack 'dev'/);
    } finally {
      delete process.env.PULUMI_CONFIG_PASSPHRASE;
    }
  });

  it("listing and table helpers keep secrets hidden unless revealed", () => {
    const listing = configListing({ "demo:a": "b", "demo:s": { secure: "v1:x:y" } }, undefined);
    assert.deepEqual(listing, { "demo:a": { value: "b", secret: false }, "demo:s": { secret: true } });
    assert.equal(renderConfigTable(listing, "demo"), "KEY  VALUE\na    b\ns    [secret]\n");
    const shown = configListing({ "demo:s": { secure: "v1:x:y" } }, () => "plain");
    assert.deepEqual(shown, { "demo:s": { value: "plain", secret: true } });
    assert.equal(parseDocument("a: 1").get("a"), 1);
  });
});

describe("cli: output (Outputs:, --diff values, history, --expect-no-changes)", () => {
  it("Outputs: keys padded, values as the CLI prints them, secrets [secret] unless shown", () => {
    const outputs = { vmIds: ["a", "b"], name: "web", meta: { cpu: 2 }, password: secret("pw") };
    assert.equal(
      outputsSection(outputs, false),
      'Outputs:\n    meta    : {\n        cpu: 2\n    }\n    name    : "web"\n    password: [secret]\n' +
        '    vmIds   : [\n        [0]: "a"\n        [1]: "b"\n    ]\n',
    );
    assert.match(outputsSection(outputs, true), /password: "pw"/);
    assert.equal(outputsSection({}, false), "");
    assert.equal(SECRET_SIG.length + SIG.length, 64);
  });

  it("--diff: old and new value per changed property", () => {
    assert.equal(propertyDiffLine("content", "hello", "bye", "  ", false), '  ~ content: "hello" => "bye"');
    assert.equal(
      propertyDiffLine("size", undefined, 3, "  ", false, true),
      "  + size: 3 (forces replacement)",
    );
    assert.equal(
      propertyDiffLine("pw", secret("a"), secret("b"), "  ", false),
      "  ~ pw: [secret] => [secret]",
    );
  });

  it("history: the CLI's console and --json shapes (stack_history.go displayUpdatesConsole, buildUpdatesJSON)", () => {
    const update: UpdateRecord = {
      version: 1,
      kind: "update",
      startTime: 1_800_000_000,
      endTime: 1_800_000_065,
      message: "nightly",
      environment: { "exec.kind": "cli" },
      config: { "demo:a": { value: "b", secret: false }, "demo:s": { secret: true } },
      result: "succeeded",
      resourceChanges: { create: 2, same: 1 },
    };
    assert.equal(
      renderHistory([update], 1, false, new Date((1_800_000_000 + 7200) * 1000)),
      "Version: 1\nUpdateKind: update\nStatus: succeeded\nMessage: nightly\n+2-0~0 1 Updated 2 hours ago took 1m5s\n    exec.kind: cli\n\n",
    );
    assert.equal(renderHistory([], 1, false), "Stack has never been updated\n");
    assert.deepEqual(historyJson([update])[0], {
      version: 1,
      kind: "update",
      startTime: "2027-01-15T08:00:00.000Z",
      message: "nightly",
      environment: { "exec.kind": "cli" },
      config: update.config,
      result: "succeeded",
      endTime: "2027-01-15T08:01:05.000Z",
      resourceChanges: { create: 2, same: 1 },
    });
  });

  it("--expect-no-changes: anything but unchanged resources is a change (engine.HasChanges)", () => {
    assert.equal(hasChanges({ same: 4 }), false);
    assert.equal(hasChanges({ same: 4, update: 1 }), true);
    assert.equal(hasChanges({ create: 0 }), false);
  });
});

import { strict as assert } from "node:assert";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { POWERSHELL_VERSION, setupPowerShell } from "../../../cli/commands/setup";
import { projectPwshPath, resolvePwshPath } from "../../../provider/powershell/pwsh-path";

describe("pulumi-hyperv setup: PowerShell 7 in the user's project, where the provider finds it", function () {
  if (process.platform === "win32") return;
  let dir: string;
  let bin: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "setup-"));
    bin = join(dir, "bin");
    mkdirSync(bin);
    // A stand-in for the .NET SDK: records its arguments and installs a pwsh where --tool-path says.
    writeFileSync(
      join(bin, "dotnet"),
      `#!/bin/sh\necho "$@" > "${join(dir, "dotnet-args")}"\nwhile [ "$1" != "--tool-path" ]; do shift; done\n` +
        `mkdir -p "$2" && printf '#!/bin/sh\\necho ${POWERSHELL_VERSION}\\n' > "$2/pwsh" && chmod +x "$2/pwsh"\n`,
    );
    chmodSync(join(bin, "dotnet"), 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("installs PowerShell as a .NET tool into <project>/.tools/pwsh, the place the provider looks first", () => {
    const project = join(dir, "project");
    mkdirSync(project);
    const PATH = [bin, "/usr/bin", "/bin"].join(delimiter);
    const { pwsh, how } = setupPowerShell(project, { PATH });
    assert.equal(pwsh, projectPwshPath(project));
    assert.equal(
      readFileSync(join(dir, "dotnet-args"), "utf8").trim(),
      `tool install PowerShell --version ${POWERSHELL_VERSION} --tool-path ${join(project, ".tools", "pwsh")}`,
    );
    assert.match(how, /the provider finds it in .*\.tools\/pwsh when the program runs in/);
    assert.equal(resolvePwshPath({}, project), pwsh, "the provider, run in the project, takes it");
    assert.equal(resolvePwshPath({ HYPERV_PWSH: "/opt/pwsh" }, project), "/opt/pwsh", "HYPERV_PWSH wins");
    rmSync(join(dir, "dotnet-args"));
    assert.equal(setupPowerShell(project, { PATH }).pwsh, pwsh, "a second run keeps the install");
    assert.throws(() => readFileSync(join(dir, "dotnet-args")), /ENOENT/);
  });

  it("without the .NET SDK says what to install; a HYPERV_PWSH that names nothing is refused", () => {
    assert.throws(
      () => setupPowerShell(join(dir, "empty"), { PATH: join(dir, "none") }),
      /install the .NET SDK 8 or later.*HYPERV_PWSH/,
    );
    assert.throws(
      () => setupPowerShell(dir, { PATH: bin, HYPERV_PWSH: join(dir, "no-pwsh") }),
      /HYPERV_PWSH is set to ".*no-pwsh", but no file exists there/,
    );
  });
});

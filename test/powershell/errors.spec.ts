import { strict as assert } from "node:assert";
import {
  HyperVError,
  InvalidArgumentError,
  InvalidStateError,
  NotFoundError,
  PermissionDeniedError,
  TimeoutError,
  TransientError,
  type SessionPool,
} from "../../provider/powershell";
import { errorClassFor, errorFromInfo } from "../../provider/powershell/error-mapping";
import { PoolTracker, scratchDirectory } from "./support";

describe("PowerShell errors become typed errors", function () {
  const pools = new PoolTracker();
  const scratch = scratchDirectory();
  let pool: SessionPool;
  before(() => {
    pool = pools.create({ size: 2 });
  });
  after(async () => {
    await pools.closeAll();
    scratch.dispose();
  });

  const byCategory: Array<[string, new (...args: never[]) => HyperVError]> = [
    ["ObjectNotFound", InvalidArgumentError],
    ["InvalidArgument", InvalidArgumentError],
    ["InvalidData", InvalidArgumentError],
    ["InvalidOperation", InvalidStateError],
    ["ResourceExists", InvalidStateError],
    ["ResourceUnavailable", TransientError],
    ["ResourceBusy", TransientError],
    ["ConnectionError", TransientError],
    ["PermissionDenied", PermissionDeniedError],
    ["SecurityError", PermissionDeniedError],
    ["OperationTimeout", TimeoutError],
  ];

  for (const [category, errorClass] of byCategory) {
    it(`maps a thrown ${category} error record to ${errorClass.name}, with its details`, async () => {
      const payload = {
        how: "record",
        message: `the ${category} failure`,
        errorId: `Test${category}`,
        category,
        target: "vm-42",
      };
      await assert.rejects(pool.invoke("fail", payload), (error: unknown) => {
        assert.ok(error instanceof errorClass, `${String(error)} is not a ${errorClass.name}`);
        assert.ok(error instanceof HyperVError);
        assert.equal(error.name, errorClass.name);
        assert.equal(error.category, category);
        assert.equal(error.fullyQualifiedErrorId, `Test${category}`);
        assert.equal(error.targetObject, "vm-42");
        assert.equal(error.operation, "fail");
        assert.equal(error.host, "simulator");
        assert.equal(
          error.message,
          `Hyper-V operation 'fail' failed on host 'simulator': the ${category} failure (${category}: Test${category}; target: vm-42)`,
        );
        return true;
      });
    });
  }

  it("reports a real cmdlet error by its category and error id; its ObjectNotFound is an argument error", async () => {
    const path = `${scratch.path}/missing.vhdx`;
    await assert.rejects(pool.invoke("fail", { how: "missing-item", path }), (error: unknown) => {
      assert.ok(error instanceof InvalidArgumentError, String(error));
      assert.equal(error.category, "ObjectNotFound");
      assert.equal(error.fullyQualifiedErrorId, "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand");
      assert.equal(error.targetObject, path);
      return true;
    });
  });

  it("reports the prelude's not-found record, and only it, as NotFoundError", async () => {
    await assert.rejects(
      pool.invoke("fail", { how: "not-found", message: "no VM has that id", target: "vm-7" }),
      (error: unknown) => {
        assert.ok(error instanceof NotFoundError, String(error));
        assert.equal(error.fullyQualifiedErrorId, "HvObjectNotFound");
        assert.equal(error.category, "ObjectNotFound");
        assert.equal(error.targetObject, "vm-7");
        assert.equal(error.exceptionType, "System.Management.Automation.ItemNotFoundException");
        return true;
      },
    );
    for (const errorId of ["HvObjectNotFoundX", "XHvObjectNotFound", "hvobjectnotfound"]) {
      const payload = { how: "record", message: "m", errorId, category: "ObjectNotFound" };
      await assert.rejects(pool.invoke("fail", payload), (error: unknown) => {
        assert.ok(!(error instanceof NotFoundError), `${errorId}: ${String(error)}`);
        return true;
      });
    }
  });

  it("never reports a missing cmdlet or module as a missing object", async () => {
    for (const [how, errorId] of [
      ["missing-command", /^CommandNotFoundException/],
      ["missing-module", /^CouldNotAutoLoadModule/],
    ] as const) {
      await assert.rejects(pool.invoke("fail", { how }), (error: unknown) => {
        assert.ok(error instanceof HyperVError && !(error instanceof NotFoundError), String(error));
        assert.equal(error.category, "ObjectNotFound");
        assert.match(error.fullyQualifiedErrorId ?? "", errorId);
        return true;
      });
    }
  });

  it("turns Write-Error under ErrorAction Stop into a typed error, and a plain throw into the base class", async () => {
    await assert.rejects(pool.invoke("fail", { how: "write-error" }), TransientError);
    await assert.rejects(pool.invoke("fail", { how: "throw" }), (error: unknown) => {
      assert.equal(Object.getPrototypeOf(error), HyperVError.prototype);
      assert.match((error as Error).message, /a plain failure/);
      return true;
    });
  });

  it("keeps the warnings written before a failure on the error", async () => {
    await assert.rejects(pool.invoke("fail", { how: "warn-then-fail" }), (error: unknown) => {
      assert.ok(error instanceof InvalidStateError, String(error));
      assert.deepEqual(error.warnings, ["about to fail"]);
      return true;
    });
  });

  it("reports non-terminating errors as warnings and keeps the data", async () => {
    const outcome = await pool.invokeWithDetails("fail", {
      how: "non-terminating",
      path: `${scratch.path}/nothing`,
    });
    assert.equal(outcome.data, "finished");
    assert.deepEqual(outcome.warnings, ["error: reported but not fatal"]);
  });

  it("maps by error id before category, and never by message", () => {
    const info = (category: string, fullyQualifiedErrorId: string) => ({
      category,
      fullyQualifiedErrorId,
      message: "Hyper-V no pudo encontrar una máquina virtual",
      targetObject: null,
      operation: "vm-get",
    });
    // Hyper-V's answer to Get-VM -Id of an unknown VM, and to argument errors of every Get-* cmdlet.
    for (const cmdlet of ["GetVM", "GetVMHardDiskDrive", "GetVMIntegrationService", "GetVMSwitch"]) {
      assert.equal(
        errorClassFor(
          info("InvalidArgument", `InvalidParameter,Microsoft.HyperV.PowerShell.Commands.${cmdlet}`),
        ),
        InvalidArgumentError,
      );
    }
    assert.equal(
      errorClassFor(info("InvalidArgument", "InvalidParameter,Microsoft.Vhd.PowerShell.Cmdlets.GetVhd")),
      InvalidArgumentError,
    );
    assert.equal(
      errorClassFor(
        info("ObjectNotFound", "ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVMSwitch"),
      ),
      InvalidArgumentError,
    );
    assert.equal(errorClassFor(info("ObjectNotFound", "HvObjectNotFound")), NotFoundError);
    assert.equal(errorClassFor(info("NotSpecified", "HvObjectNotFound")), NotFoundError);
    assert.equal(
      errorClassFor(info("InvalidArgument", "InvalidParameter,Microsoft.HyperV.PowerShell.Commands.SetVM")),
      InvalidArgumentError,
    );
    assert.equal(errorClassFor(info("ObjectNotFound", "CommandNotFoundException")), HyperVError);
    assert.equal(
      errorClassFor(
        info(
          "ResourceUnavailable",
          "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand",
        ),
      ),
      HyperVError,
    );
    assert.equal(errorClassFor(info("NotSpecified", "Whatever")), HyperVError);
    const error = errorFromInfo(info("ObjectNotFound", "HvObjectNotFound"), "local");
    assert.ok(error instanceof NotFoundError);
    assert.ok(!(errorFromInfo(info("ObjectNotFound", "VMNotFound"), "local") instanceof NotFoundError));
    assert.match(error.message, /^Hyper-V operation 'vm-get' failed on host 'local': Hyper-V no pudo/);
  });
});

import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..", "..");

describe("doctor: the provider's host-check entry point", () => {
  it("is a package subpath that loads the host checks", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      exports: Record<string, { default: string; types: string }>;
    };
    const entry = pkg.exports["./host-check"];
    assert.ok(entry, "package.json exports ./host-check");
    assert.equal(entry.types, "./dist/provider/host-check.d.ts");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(join(root, entry.default)) as Record<string, unknown>;
    for (const name of [
      "checkHost",
      "readHostSpec",
      "readProviderSettings",
      "poolOptionsFor",
      "HOST_FORMS",
    ]) {
      assert.ok(name in loaded, name);
    }
  });

  it("is the only part of the provider doctor and its helpers import", () => {
    for (const file of ["doctor.ts", "doctor-config.ts", "host-settings.ts"]) {
      const source = readFileSync(join(root, "cli", "commands", file), "utf8");
      const imports = [...source.matchAll(/from "([^"]*provider[^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual([...new Set(imports)], ["../../provider/host-check"], file);
    }
  });
});

import { strict as assert } from "node:assert";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import fc from "fast-check";
import {
  applyIgnoreChanges,
  changedKeys,
  containsSecret,
  containsUnknown,
  deepEqual,
  markSecret,
  maskSecrets,
  parsePropertyPath,
  revealSecrets,
  secret,
  secretKeys,
  withoutInternalKeys,
} from "../../../cli/engine/properties";
import { makeUrn, nameOf, qualifiedTypeOf, typeOf } from "../../../cli/engine/urn";

describe("cli engine: property values and URNs", () => {
  it("ignoreChanges keeps the old value at each path, removes what was absent, leaves the rest", () => {
    const olds = { a: 1, nested: { keep: "old", list: [{ x: 1 }, { x: 2 }] }, gone: undefined };
    const news = { a: 2, nested: { keep: "new", list: [{ x: 10 }, { x: 20 }] }, added: true };
    assert.deepEqual(applyIgnoreChanges(news, olds, ["nested.keep", "nested.list[1].x", "added"]), {
      a: 2,
      nested: { keep: "old", list: [{ x: 10 }, { x: 2 }] },
    });
    assert.deepEqual(news.nested.keep, "new", "the input is not mutated");
    assert.deepEqual(parsePropertyPath('a["b.c"][3].d'), ["a", "b.c", 3, "d"]);
  });

  it("secrets: marked by top-level key, revealed and masked anywhere, equal by plaintext", () => {
    const props = { user: "ops", password: secret("p"), nested: { token: secret({ t: 1 }) } };
    assert.deepEqual(secretKeys(props), ["password", "nested"]);
    assert.deepEqual(revealSecrets(props), { user: "ops", password: "p", nested: { token: { t: 1 } } });
    assert.deepEqual(maskSecrets(props), {
      user: "ops",
      password: "[secret]",
      nested: { token: "[secret]" },
    });
    assert.ok(deepEqual(props, revealSecrets(props)));
    const outs = markSecret({ user: "ops", password: "p", extra: 1 }, ["password", "missing"]);
    assert.deepEqual(outs, { user: "ops", password: secret("p"), extra: 1 });
    assert.deepEqual(withoutInternalKeys({ __provider: "x", a: 1 }), { a: 1 });
  });

  it("secrets and unknowns are the SDK's own: the SDK reads the secret as one, and its unknown is the unknown", () => {
    assert.ok(rpc.isRpcSecret(secret("p")));
    assert.equal(rpc.unwrapRpcSecret(secret("p")), "p");
    assert.ok(containsUnknown({ list: [rpc.unknownValue] }));
  });

  it("reveal ∘ mark is the identity, and a marked value always contains a secret", () => {
    const json = fc.jsonValue();
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), json), (props) => {
        const keys = Object.keys(props);
        const marked = markSecret(props, keys);
        assert.ok(deepEqual(revealSecrets(marked), props));
        assert.equal(
          keys.every((k) => containsSecret(marked[k])),
          true,
        );
        assert.deepEqual(changedKeys(props, revealSecrets(marked)), []);
      }),
    );
  });

  it("URNs chain parent types except below the root stack", () => {
    const stack = makeUrn("dev", "proj", undefined, "pulumi:pulumi:Stack", "proj-dev");
    const folder = makeUrn("dev", "proj", stack, "files:index:Folder", "docs");
    const file = makeUrn("dev", "proj", folder, "pulumi-nodejs:dynamic/files:File", "x::y");
    assert.equal(folder, "urn:pulumi:dev::proj::files:index:Folder::docs");
    assert.equal(file, "urn:pulumi:dev::proj::files:index:Folder$pulumi-nodejs:dynamic/files:File::x::y");
    assert.equal(qualifiedTypeOf(file), "files:index:Folder$pulumi-nodejs:dynamic/files:File");
    assert.equal(typeOf(file), "pulumi-nodejs:dynamic/files:File");
    assert.equal(nameOf(file), "x::y");
  });
});

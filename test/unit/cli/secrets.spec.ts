import { strict as assert } from "node:assert";
import { createDecipheriv, pbkdf2Sync } from "node:crypto";
import {
  IncorrectPassphraseError,
  newPassphraseState,
  passphraseCrypter,
  symmetricCrypter,
} from "../../../cli/secrets";

describe("cli: the passphrase secrets provider (the CLI's format)", function () {
  this.timeout(60000);

  it("a salt state is v1:<8-byte salt>:<ciphertext of 'pulumi'>, readable with PBKDF2-SHA256 x 1e6 and AES-256-GCM", () => {
    const { state, crypter } = newPassphraseState("pass");
    const [version, salt, ...check] = state.split(":");
    assert.equal(version, "v1");
    assert.equal(Buffer.from(salt, "base64").length, 8);
    // Decrypt the check text by hand, as the Go code does.
    const key = pbkdf2Sync("pass", Buffer.from(salt, "base64"), 1_000_000, 32, "sha256");
    const [v, nonce, body] = check.join(":").split(":");
    assert.equal(v, "v1");
    const data = Buffer.from(body, "base64");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    assert.equal(
      Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString(),
      "pulumi",
    );
    assert.equal(passphraseCrypter("pass", state).decrypt(crypter.encrypt("x")), "x");
    assert.throws(() => passphraseCrypter("wrong", state), IncorrectPassphraseError);
  });

  it("ciphertexts are v1:<12-byte nonce>:<ciphertext+tag>, fresh each time, and tampering is detected", () => {
    const crypter = symmetricCrypter(Buffer.alloc(32, 7));
    const a = crypter.encrypt('"secret"');
    const b = crypter.encrypt('"secret"');
    assert.notEqual(a, b);
    assert.equal(Buffer.from(a.split(":")[1], "base64").length, 12);
    assert.equal(crypter.decrypt(a), '"secret"');
    const parts = a.split(":");
    const body = Buffer.from(parts[2], "base64");
    body[0] ^= 1;
    assert.throws(() => crypter.decrypt(`${parts[0]}:${parts[1]}:${body.toString("base64")}`));
  });
});

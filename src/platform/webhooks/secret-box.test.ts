import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dataDirKey, DEVELOPMENT_KEY, KEY_FILE_NAME, open, parseSecretKey, seal, secretKey, SecretUnreadableError, type SecretKeyring } from "./secret-box.js";

const ring = (k: Buffer, ...previous: Buffer[]): SecretKeyring => ({ current: secretKey(k), previous: previous.map(secretKey) });
const thrown = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as SecretUnreadableError;
  }
  throw new Error("expected a failure");
};

describe("signing secrets sealed at rest (AES-256-GCM)", () => {
  const a = randomBytes(32);
  const b = randomBytes(32);
  const secret = "whsec_" + randomBytes(32).toString("base64");

  it("takes a key as 64 hex digits or base64 / base64url of 32 bytes, nothing else", () => {
    expect(parseSecretKey(a.toString("hex"))).toEqual(a);
    expect(parseSecretKey(a.toString("hex").toUpperCase())).toEqual(a);
    expect(parseSecretKey(a.toString("base64"))).toEqual(a);
    expect(parseSecretKey(a.toString("base64url"))).toEqual(a);
    expect(parseSecretKey(` ${a.toString("base64")}\n`)).toEqual(a);
    for (const bad of ["", "secret", a.toString("hex").slice(2), randomBytes(31).toString("base64"), randomBytes(48).toString("base64"), "z".repeat(64)]) expect(parseSecretKey(bad), bad).toBeNull();
  });

  it("seals to a ciphertext without the secret and opens it again with the same key; each seal uses a new nonce", () => {
    const s1 = seal(ring(a), secret, "webhook-subscription:1:current");
    const s2 = seal(ring(a), secret, "webhook-subscription:1:current");
    expect(JSON.stringify(s1)).not.toContain(secret.slice(6, 30));
    expect(s1.nonce).not.toBe(s2.nonce);
    expect(s1.ciphertext).not.toBe(s2.ciphertext);
    expect(Buffer.from(s1.nonce, "base64")).toHaveLength(12);
    expect(Buffer.from(s1.tag, "base64")).toHaveLength(16);
    expect(open(ring(a), s1, "webhook-subscription:1:current")).toBe(secret);
    expect(s1.keyId).toBe(secretKey(a).id);
    expect(s1.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it("a wrong key is a clear error naming both key ids, never a wrong secret; the previous key still opens", () => {
    const s = seal(ring(a), secret, "x");
    const e = thrown(() => open(ring(b), s, "x"));
    expect(e).toBeInstanceOf(SecretUnreadableError);
    expect(e.code).toBe("webhooks.secret-unreadable");
    expect(e.messageEn).toContain(secretKey(a).id);
    expect(e.messageEn).toContain(secretKey(b).id);
    expect(e.messageEn).toMatch(/WEBHOOKS_SECRET_KEY_PREVIOUS/);
    expect(e.messageTh).toMatch(/[ก-๙]/);
    expect(open(ring(b, a), s, "x")).toBe(secret);
  });

  it("an altered ciphertext, tag or a ciphertext moved to another row fails authentication", () => {
    const s = seal(ring(a), secret, "webhook-subscription:1:current");
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, "base64");
      buf[0]! ^= 1;
      return buf.toString("base64");
    };
    for (const [what, bad, aad] of [
      ["ciphertext", { ...s, ciphertext: flip(s.ciphertext) }, "webhook-subscription:1:current"],
      ["tag", { ...s, tag: flip(s.tag) }, "webhook-subscription:1:current"],
      ["nonce", { ...s, nonce: flip(s.nonce) }, "webhook-subscription:1:current"],
      ["another row", s, "webhook-subscription:2:current"],
      ["another slot", s, "webhook-subscription:1:previous"],
    ] as const) {
      const e = thrown(() => open(ring(a), bad, aad));
      expect(e, what).toBeInstanceOf(SecretUnreadableError);
      expect(e.messageEn, what).toMatch(/fails authentication/);
    }
  });

  it("the development key is fixed (tests and tools agree across processes) and never a configured one", () => {
    expect(DEVELOPMENT_KEY.key).toHaveLength(32);
    expect(DEVELOPMENT_KEY.id).toBe(secretKey(Buffer.from(DEVELOPMENT_KEY.key)).id);
  });
});

describe("the data folder's key (demo and development without WEBHOOKS_SECRET_KEY)", () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-key-"));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("is made once beside pg/ with mode 0600 and read back the same afterwards", () => {
    const dir = path.join(tmp(), "data");
    const k1 = dataDirKey(dir);
    const file = path.join(dir, KEY_FILE_NAME);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(k1).toHaveLength(32);
    expect(dataDirKey(dir)).toEqual(k1);
    expect(dataDirKey(path.join(tmp(), "data"))).not.toEqual(k1);
  });

  it("tightens a key file copied in with looser rights; refuses a file that holds no key", () => {
    const dir = tmp();
    const file = path.join(dir, KEY_FILE_NAME);
    const k = randomBytes(32);
    fs.writeFileSync(file, k.toString("hex"), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(dataDirKey(dir)).toEqual(k);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.writeFileSync(file, "not a key");
    expect(() => dataDirKey(dir)).toThrow(/does not hold a 32-byte key/);
  });
});

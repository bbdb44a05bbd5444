import { describe, expect, it } from "vitest";
import { checkUrlShape, checkUrlTarget, isBlockedAddress } from "./url-safety.js";

describe("webhook URL safety (SSRF)", () => {
  it("blocks private, loopback, link-local, shared, multicast and reserved addresses, also inside IPv6; lets public ones through", () => {
    for (const a of ["127.0.0.1", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "fc00::5", "ff02::1", "::ffff:127.0.0.1", "::ffff:a00:1", "64:ff9b::10.0.0.1", "[::1]", "not-an-ip"])
      expect(isBlockedAddress(a), a).toBe(true);
    for (const a of ["93.184.216.34", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) expect(isBlockedAddress(a), a).toBe(false);
  });

  it("takes https only; http just for localhost when private targets are allowed (development, tests)", () => {
    expect(checkUrlShape("https://hooks.example.org/x", false).host).toBe("hooks.example.org");
    expect(() => checkUrlShape("http://hooks.example.org/x", false)).toThrow(/https/);
    expect(() => checkUrlShape("http://hooks.example.org/x", true)).toThrow(/https/);
    expect(checkUrlShape("http://127.0.0.1:8080/x", true).port).toBe("8080");
    expect(checkUrlShape("http://localhost:8080/x", true).hostname).toBe("localhost");
    expect(() => checkUrlShape("http://127.0.0.1:8080/x", false)).toThrow();
    expect(() => checkUrlShape("https://localhost/x", false)).toThrow(/private/);
    expect(() => checkUrlShape("https://sub.localhost/x", false)).toThrow(/private/);
    expect(() => checkUrlShape(`https://hooks.example.org/${"a".repeat(2000)}`, false)).toThrow(/2,000/);
    expect(() => checkUrlShape("https://hooks.example.org/x#frag", false)).toThrow(/fragment/);
  });

  it("resolves names and refuses when any address is private (one is enough to reach inside)", async () => {
    const dns = (m: Record<string, string[]>) => async (h: string) => m[h] ?? [];
    await expect(checkUrlTarget("https://a.example/x", { allowPrivate: false, resolve: dns({ "a.example": ["93.184.216.34"] }) })).resolves.toBeInstanceOf(URL);
    await expect(checkUrlTarget("https://a.example/x", { allowPrivate: false, resolve: dns({ "a.example": ["93.184.216.34", "10.0.0.2"] }) })).rejects.toThrow(/private/);
    await expect(checkUrlTarget("https://b.example/x", { allowPrivate: false, resolve: dns({}) })).rejects.toThrow(/does not resolve/);
  });
});

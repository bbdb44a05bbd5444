import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postPinned } from "./post.js";
import { checkUrlTarget, guardedLookup, type Resolver } from "./url-safety.js";

/** A fake DNS whose answers for a name come from a queue (the last one repeats); it counts its queries. */
function dnsSequence(answers: Record<string, string[][]>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const r = async (host: string) => {
    calls.push(host);
    const q = answers[host];
    if (!q?.length) throw new Error("ENOTFOUND");
    return q.length > 1 ? q.shift()! : q[0]!;
  };
  return Object.assign(r, { calls });
}

/** Rejection of a promise as an error object (fails the test if it resolves). */
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e as Error & { code?: string; fields?: { code: string }[] });

const servers: (net.Server | http.Server)[] = [];
const listen = async <S extends net.Server>(s: S): Promise<number> => {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return (s.address() as AddressInfo).port;
};
afterAll(async () => {
  for (const s of servers) {
    if (s instanceof http.Server) s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const post = (url: string, resolve: Resolver, allowPrivate: boolean, extra: { ca?: string; timeoutMs?: number; maxRead?: number } = {}) =>
  postPinned(new URL(url), { headers: { "content-type": "application/json" }, body: '{"type":"webhook.test"}', lookup: guardedLookup({ allowPrivate, resolve }), timeoutMs: extra.timeoutMs ?? 5000, maxRead: extra.maxRead ?? 65_536, ca: extra.ca });

describe("DNS rebinding: the connection goes to the address that was checked", () => {
  it("a name that answers public at the check and 127.0.0.1 at connect time is refused at connect time: no connection is ever opened", async () => {
    let connections = 0;
    const inside = net.createServer((sock) => {
      connections++;
      sock.destroy();
    });
    const port = await listen(inside);
    const dns = dnsSequence({ "rebind.partner.test": [["93.184.216.34"], ["127.0.0.1"]] });
    const url = `https://rebind.partner.test:${port}/hook`;
    // the check sees the public answer and passes …
    await expect(checkUrlTarget(url, { allowPrivate: false, resolve: dns })).resolves.toBeInstanceOf(URL);
    // … the connection's own lookup gets 127.0.0.1 and refuses it
    const e = await failure(post(url, dns, false));
    expect(e.fields?.[0]?.code).toBe("webhooks.url.private-address");
    expect(dns.calls).toEqual(["rebind.partner.test", "rebind.partner.test"]);
    await new Promise((r) => setTimeout(r, 50));
    expect(connections).toBe(0);
  });

  it("one private address among public ones is enough to refuse (the socket could pick it); IPv4-mapped IPv6 too", async () => {
    // the lookup itself, called as node:net calls it: no socket, so even a broken check could reach nothing
    const lookup = (host: string, options: { all?: boolean; family?: number }) => {
      const dns = dnsSequence({ "mixed.partner.test": [["93.184.216.34", "::ffff:127.0.0.1"]], "v6.partner.test": [["2606:4700:4700::1111", "::1"]], "ok.partner.test": [["93.184.216.34", "2606:4700:4700::1111"]] });
      return new Promise<unknown>((resolve, reject) => guardedLookup({ allowPrivate: false, resolve: dns })(host, options, (err, address, family) => (err ? reject(err) : resolve(options.all ? address : [address, family]))));
    };
    expect((await failure(lookup("mixed.partner.test", { all: true }))).fields?.[0]?.code).toBe("webhooks.url.private-address");
    expect((await failure(lookup("v6.partner.test", {}))).fields?.[0]?.code).toBe("webhooks.url.private-address");
    expect((await failure(lookup("gone.partner.test", { all: true }))).fields?.[0]?.code).toBe("webhooks.url.unresolvable");
    expect(await lookup("ok.partner.test", { all: true })).toEqual([{ address: "93.184.216.34", family: 4 }, { address: "2606:4700:4700::1111", family: 6 }]);
    expect(await lookup("ok.partner.test", { family: 6 })).toEqual(["2606:4700:4700::1111", 6]);
    expect(await lookup("ok.partner.test", {})).toEqual(["93.184.216.34", 4]);
  });

  it("the socket's address comes from the lookup alone (the system cannot resolve .test), and the Host header stays the name", async () => {
    const seen: { host?: string; remote?: string }[] = [];
    const receiver = http.createServer((req, res) => {
      seen.push({ host: req.headers.host, remote: req.socket.localAddress });
      res.end("ok");
    });
    const port = await listen(receiver);
    const dns = dnsSequence({ "hooks.partner.test": [["127.0.0.1"]] });
    expect(await post(`http://hooks.partner.test:${port}/hook`, dns, true)).toEqual({ status: 200, body: "ok" });
    expect(seen).toEqual([{ host: `hooks.partner.test:${port}`, remote: "127.0.0.1" }]);
    expect(dns.calls).toEqual(["hooks.partner.test"]);
  });

  it("does not follow a redirect, cuts a long answer at maxRead, and gives up on a silent receiver", async () => {
    const hits: string[] = [];
    const receiver = http.createServer((req, res) => {
      hits.push(req.url ?? "");
      if (req.url === "/moved") {
        res.statusCode = 307;
        res.setHeader("location", "/elsewhere");
        return res.end();
      }
      if (req.url === "/big") return res.end("y".repeat(1 << 20));
      // /silent: never answers
    });
    const port = await listen(receiver);
    const dns = dnsSequence({ "r.partner.test": [["127.0.0.1"]] });
    expect((await post(`http://r.partner.test:${port}/moved`, dns, true)).status).toBe(307);
    expect(hits).toEqual(["/moved"]);
    expect((await post(`http://r.partner.test:${port}/big`, dns, true, { maxRead: 1000 })).body).toHaveLength(1000);
    const t = await failure(post(`http://r.partner.test:${port}/silent`, dns, true, { timeoutMs: 200 }));
    expect(t.name).toBe("TimeoutError");
  });
});

/** A self-signed certificate for `name` (openssl from the machine). */
function selfSigned(dir: string, name: string): { key: string; cert: string } {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.crt`);
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", `/CN=${name}`, "-addext", `subjectAltName=DNS:${name}`, "-keyout", key, "-out", cert], { stdio: "ignore" });
  return { key: fs.readFileSync(key, "utf8"), cert: fs.readFileSync(cert, "utf8") };
}
const haveOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!haveOpenssl)("HTTPS to a pinned address still verifies the certificate against the name", () => {
  let dir = "";
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-tls-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("sends the name as TLS server name (SNI) and Host; a certificate for another name is refused", async () => {
    const good = selfSigned(dir, "hooks.partner.test");
    const seen: { servername: string | false | null; host?: string }[] = [];
    const receiver = https.createServer({ key: good.key, cert: good.cert }, (req, res) => {
      seen.push({ servername: (req.socket as TLSSocket).servername, host: req.headers.host });
      res.end('{"received":true}');
    });
    const port = await listen(receiver);
    const dns = dnsSequence({ "hooks.partner.test": [["127.0.0.1"]], "other.partner.test": [["127.0.0.1"]] });
    expect(await post(`https://hooks.partner.test:${port}/hook`, dns, true, { ca: good.cert })).toEqual({ status: 200, body: '{"received":true}' });
    expect(seen).toEqual([{ servername: "hooks.partner.test", host: `hooks.partner.test:${port}` }]);
    // the same address under another name: the certificate does not match, nothing is sent
    const e = await failure(post(`https://other.partner.test:${port}/hook`, dns, true, { ca: good.cert }));
    expect(e.code).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
    // and an untrusted certificate is refused (no `ca`: the system's roots)
    expect((await failure(post(`https://hooks.partner.test:${port}/hook`, dns, true))).code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/);
    expect(seen).toHaveLength(1);
  });
});

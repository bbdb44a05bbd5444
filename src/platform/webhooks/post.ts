import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";

/** What a receiver answered: its status code and the start of its body. */
export type PostAnswer = { status: number; body: string };

/** A receiver that did not answer within the time allowed. */
export class PostTimeoutError extends Error {
  override name = "TimeoutError";
}

/**
 * POSTs `body` to `url` over node:http/https on a fresh connection (no pooled socket) whose address comes from
 * `lookup` alone: the Host header and the TLS server name stay the URL's host, so certificates verify against
 * the name. Redirects are never followed (a 3xx is just an answer). The answer is read up to `maxRead` bytes,
 * then the connection is cut; the whole exchange must end within `timeoutMs`. `ca` (tests) adds trusted roots.
 */
export function postPinned(url: URL, opts: { headers: Record<string, string>; body: string; lookup: LookupFunction; timeoutMs: number; maxRead: number; ca?: string | Buffer }): Promise<PostAnswer> {
  return new Promise<PostAnswer>((resolve, reject) => {
    const tlsName = url.protocol === "https:" && isIP(url.hostname.replace(/^\[|\]$/g, "")) === 0 ? { servername: url.hostname } : {};
    const send = url.protocol === "https:" ? https.request : http.request;
    const req = send(url, {
      method: "POST",
      headers: { ...opts.headers, "content-length": String(Buffer.byteLength(opts.body)) },
      agent: false,
      lookup: opts.lookup,
      ...tlsName,
      ...(opts.ca ? { ca: opts.ca } : {}),
    });
    const timer = setTimeout(() => req.destroy(new PostTimeoutError(`no answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(e);
    };
    req.once("error", fail);
    req.once("response", (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).subarray(0, opts.maxRead).toString("utf8") });
      };
      res.on("data", (c: Buffer) => {
        chunks.push(c);
        size += c.byteLength;
        if (size >= opts.maxRead) {
          done();
          res.destroy();
        }
      });
      res.once("end", done);
      // a body cut off by the receiver still counts as its answer: the status code came
      res.once("error", done);
      res.once("close", done);
    });
    req.end(opts.body);
  });
}

import { lookup } from "node:dns/promises";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { fieldError, ValidationError } from "../errors.js";

/** Addresses a webhook may never reach (SSRF): private, loopback, link-local, shared, multicast, reserved. */
const BLOCKED = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  BLOCKED.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["2001:db8::", 32],
] as const)
  BLOCKED.addSubnet(net, bits, "ipv6");

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address (::ffff:10.0.0.1, 64:ff9b::a00:1), else null. */
function embeddedV4(addr: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
  if (m) return m[1]!;
  const h = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(addr);
  if (!h) return null;
  const a = parseInt(h[1]!, 16);
  const b = parseInt(h[2]!, 16);
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

/** True when a webhook must not be sent to this IP address. */
export function isBlockedAddress(addr: string): boolean {
  const bare = addr.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const v4 = isIP(bare) === 6 ? embeddedV4(bare) : null;
  if (v4) return BLOCKED.check(v4, "ipv4");
  const family = isIP(bare);
  if (family === 0) return true;
  return BLOCKED.check(bare, family === 4 ? "ipv4" : "ipv6");
}

function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  const family = isIP(bare);
  return family !== 0 && LOOPBACK.check(bare, family === 4 ? "ipv4" : "ipv6");
}

/** Resolves a host name to its addresses (all of them: one private address is enough to refuse). */
export type Resolver = (host: string) => Promise<string[]>;
export const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

export class UnsafeUrlError extends ValidationError {
  constructor(code: string, th: string, en: string) {
    super([fieldError("url", code, th, en)], th, en);
  }
}

/**
 * Checks a webhook URL's shape: https (http only to localhost when private targets are allowed), no user or
 * password, no fragment, ≤ 2,000 characters; an IP literal must be public unless private targets are allowed.
 */
export function checkUrlShape(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError("webhooks.url.invalid", "ที่อยู่ URL ไม่ถูกต้อง", "Not a valid URL");
  }
  if (raw.length > 2000) throw new UnsafeUrlError("webhooks.url.too-long", "ที่อยู่ URL ยาวเกิน 2,000 ตัวอักษร", "The URL is longer than 2,000 characters");
  const local = isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && allowPrivate && local)) {
    throw new UnsafeUrlError("webhooks.url.not-https", "ต้องเป็นที่อยู่ https:// เท่านั้น", "Only https:// URLs are accepted");
  }
  if (url.username || url.password) throw new UnsafeUrlError("webhooks.url.credentials", "ห้ามใส่ชื่อผู้ใช้หรือรหัสผ่านใน URL", "The URL must not carry a user name or password");
  if (url.hash) throw new UnsafeUrlError("webhooks.url.fragment", "ห้ามมีส่วน # ใน URL", "The URL must not have a #fragment");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && (local || (isIP(host) !== 0 && isBlockedAddress(host)))) throw privateRefusal();
  return url;
}

const privateRefusal = () => new UnsafeUrlError("webhooks.url.private-address", "ที่อยู่นี้ชี้ไปยังเครือข่ายภายใน (private/loopback/link-local) ซึ่งไม่อนุญาต", "The URL points to a private, loopback or link-local address, which is not allowed");

/**
 * Resolves a host name and checks every address: one private address refuses the name (unless private targets
 * are allowed); no address at all, or a failed lookup, is `webhooks.url.unresolvable`.
 */
export async function resolveChecked(host: string, opts: { allowPrivate: boolean; resolve?: Resolver }): Promise<string[]> {
  let addrs: string[];
  try {
    addrs = await (opts.resolve ?? systemResolver)(host);
  } catch {
    throw new UnsafeUrlError("webhooks.url.unresolvable", `หาที่อยู่ของเครื่อง ${host} ไม่พบ`, `The host ${host} does not resolve`);
  }
  if (addrs.length === 0) throw new UnsafeUrlError("webhooks.url.unresolvable", `หาที่อยู่ของเครื่อง ${host} ไม่พบ`, `The host ${host} does not resolve`);
  if (!opts.allowPrivate && addrs.some(isBlockedAddress)) throw privateRefusal();
  return addrs;
}

/**
 * Checks the URL's shape and resolves its host: every address must be public unless private targets are
 * allowed. Used at registration; a delivery resolves only through `guardedLookup`, as its socket's lookup, so
 * the address checked is the address connected to (no DNS rebinding between a check and the connect).
 */
export async function checkUrlTarget(raw: string, opts: { allowPrivate: boolean; resolve?: Resolver }): Promise<URL> {
  const url = checkUrlShape(raw, opts.allowPrivate);
  if (opts.allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) return url;
  await resolveChecked(host, opts);
  return url;
}

/**
 * A `lookup` for node:net / node:http / node:tls that resolves with `resolve`, checks every address by the rules
 * above and hands the socket only those addresses: the connection goes to an address that was checked, whatever
 * the name answers at another moment. (IP literals never reach a lookup: `checkUrlShape` checks them.)
 */
export function guardedLookup(opts: { allowPrivate: boolean; resolve?: Resolver }): LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(hostname, opts).then(
      (addrs) => {
        const wanted = options.family === 4 || options.family === 6 ? addrs.filter((a) => isIP(a) === options.family) : addrs;
        if (wanted.length === 0) return callback(new UnsafeUrlError("webhooks.url.unresolvable", `หาที่อยู่ของเครื่อง ${hostname} ไม่พบ`, `The host ${hostname} does not resolve`) as unknown as NodeJS.ErrnoException, "", 0);
        if (options.all) callback(null, wanted.map((address) => ({ address, family: isIP(address) })));
        else callback(null, wanted[0]!, isIP(wanted[0]!));
      },
      (e: unknown) => callback(e as NodeJS.ErrnoException, "", 0),
    );
  };
}

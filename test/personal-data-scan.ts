/**
 * Looking for planted personal data in HTTP answers: needles (a name, a phone number, an e-mail address, an ID
 * number, an exact point …) matched after normalisation, and answers decoded before they are searched — JSON
 * strings, XML and HTML entities, CSV, every part of an XLSX (a zip of XML), the text of a PDF (its fonts'
 * ToUnicode maps), and image metadata. An answer of a kind the scanner cannot read fails the scan instead of
 * passing unread.
 */
import zlib from "node:zlib";
import sharp from "sharp";

/** Whose the value is: the owner may see it in their own views; everyone else must never. */
export type Needle = { label: string; owner: string; find: (hay: Haystack) => boolean };
export type Haystack = { text: string; folded: string };

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const THAI_DIGITS = /[\u0e50-\u0e59]/g;

/** NFC, no zero-width characters (the PDFs break Thai words with them), Thai digits as ASCII, whitespace collapsed. */
export function normalise(s: string): string {
  return s
    .normalize("NFC")
    .replace(ZERO_WIDTH, "")
    .replace(THAI_DIGITS, (d) => String(d.charCodeAt(0) - 0x0e50))
    .replace(/\s+/g, " ");
}

export function haystack(text: string): Haystack {
  const t = normalise(text);
  return { text: t, folded: t.toLowerCase() };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Digits with any separators people and formatters put between them (space, dash, dot, brackets, slash). */
const digitsRe = (digits: string) => digits.split("").join("[\\s().\\-/]*");

/** Text, case-insensitive after normalisation (names: each part of two or more words on its own). */
export function textNeedle(label: string, owner: string, value: string): Needle {
  const v = normalise(value).toLowerCase().trim();
  if (v.length < 4) throw new Error(`needle too short to be distinctive: ${label}`);
  return { label, owner, find: (h) => h.folded.includes(v) };
}

/** A person's name: the whole name and each part of it (a first name alone identifies in a small place). */
export function nameNeedles(label: string, owner: string, name: string): Needle[] {
  const parts = normalise(name).split(" ").filter((p) => p.length >= 4);
  return [textNeedle(label, owner, name), ...parts.map((p, k) => textNeedle(`${label} (part ${k + 1})`, owner, p))];
}

/** A Thai phone number in any spelling: 0XX-XXX-XXXX, 0XX XXX XXXX, +66 XX XXX XXXX, 66XXXXXXXXX, Thai digits. */
export function phoneNeedle(label: string, owner: string, phone: string): Needle {
  const national = phone.replace(/\D/g, "").replace(/^(66|0)/, "");
  const re = new RegExp(`(?:\\+?6[\\s\\-]*6|0)[\\s().\\-/]*${digitsRe(national)}(?!\\d)`);
  return { label, owner, find: (h) => re.test(h.text) };
}

/** A 13-digit national ID number with or without its usual dashes (1-2345-67890-12-3). */
export function idNumberNeedle(label: string, owner: string, id: string): Needle {
  const re = new RegExp(`(?<!\\d)${digitsRe(id.replace(/\D/g, ""))}(?!\\d)`);
  return { label, owner, find: (h) => re.test(h.text) };
}

/** An e-mail address, case-insensitive, also percent-encoded (in a link) or with the @ as an entity. */
export function emailNeedle(label: string, owner: string, email: string): Needle {
  const e = email.toLowerCase();
  const variants = [e, e.replace("@", "%40")];
  return { label, owner, find: (h) => variants.some((v) => h.folded.includes(v)) };
}

/** An exact coordinate: its first five decimals (about a metre) in any printed number; the public grid has three. */
export function coordinateNeedle(label: string, owner: string, value: number): Needle {
  const [int, dec] = value.toFixed(7).split(".");
  const re = new RegExp(`(?<![\\d.])${escapeRe(int!)}\\.${dec!.slice(0, 5)}`);
  return { label, owner, find: (h) => re.test(h.text) };
}

/** The needles found in a haystack. */
export function needlesIn(h: Haystack, needles: readonly Needle[]): Needle[] {
  return needles.filter((n) => n.find(h));
}

// ───────────────────────────── decoding answers ─────────────────────────────

export type Decoded = { kind: "json" | "text" | "xml" | "csv" | "xlsx" | "pdf" | "image" | "empty"; text: string; problems: string[] };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Every string (and key) of a JSON value, one per line: what a client reads after parsing. */
function jsonStrings(v: unknown, out: string[]): void {
  if (typeof v === "string") out.push(v);
  else if (typeof v === "number" || typeof v === "boolean") out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) jsonStrings(x, out);
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      jsonStrings(x, out);
    }
}

/** The entries of a zip archive (an XLSX), inflated: name → bytes. */
export function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip archive (no end of central directory)");
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let k = 0; k < entries; k++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("bad zip central directory");
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : method === 0 ? Buffer.from(data) : Buffer.alloc(0));
    if (method !== 0 && method !== 8) throw new Error(`zip entry ${name}: compression method ${method} not understood`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * The text of a PDF as pdfkit/pdfmake write it: every stream inflated; each font's ToUnicode map read; every
 * string shown in a content stream decoded with each map (glyph codes of different fonts overlap, and a needle
 * found through any map counts), and literal strings as they are.
 */
export function pdfText(buf: Buffer): string {
  const bin = buf.toString("latin1");
  const streams: string[] = [];
  const re = /stream\r?\n/g;
  for (let m = re.exec(bin); m; m = re.exec(bin)) {
    const start = m.index + m[0].length;
    const end = bin.indexOf("endstream", start);
    if (end < 0) break;
    if (bin.slice(Math.max(0, m.index - 3), m.index) === "end") continue;
    const dict = bin.slice(Math.max(0, bin.lastIndexOf(" obj", m.index)), m.index);
    const raw = buf.subarray(start, end);
    let data: Buffer = raw;
    if (/\/FlateDecode/.test(dict)) {
      // (a stream's length may include the end-of-line before "endstream": inflate what is there)
      data = zlib.inflateSync(raw, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    }
    streams.push(data.toString("latin1"));
    re.lastIndex = end + "endstream".length;
  }
  const hex = (h: string) => Buffer.from(h.length % 2 ? `${h}0` : h, "hex");
  const utf16 = (h: string) => {
    const b = hex(h);
    let s = "";
    for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b.readUInt16BE(i));
    return s;
  };
  const maps: Map<number, string>[] = [];
  for (const s of streams) {
    if (!s.includes("begincmap")) continue;
    const map = new Map<number, string>();
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) for (const [, src, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(src!, 16), utf16(dst!));
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, lo, hi, rest] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]*>)/g)) {
        const a = parseInt(lo!, 16);
        const b = parseInt(hi!, 16);
        if (rest!.startsWith("[")) [...rest!.matchAll(/<([0-9a-fA-F]*)>/g)].forEach((d, k) => map.set(a + k, utf16(d[1]!)));
        else {
          const base = hex(rest!.slice(1, -1));
          for (let c = a; c <= b; c++) {
            const v = Buffer.from(base);
            v.writeUInt16BE((v.readUInt16BE(v.length - 2) + (c - a)) & 0xffff, v.length - 2);
            let s2 = "";
            for (let i = 0; i + 1 < v.length; i += 2) s2 += String.fromCharCode(v.readUInt16BE(i));
            map.set(c, s2);
          }
        }
      }
    }
    maps.push(map);
  }
  const out: string[] = [];
  for (const s of streams) {
    if (s.includes("begincmap") || !/\b(Tj|TJ)\b/.test(s)) continue;
    const shown = [...s.matchAll(/<([0-9a-fA-F]+)>|\(((?:\\.|[^\\)])*)\)/g)];
    for (const map of maps) {
      out.push(
        shown
          .map((m) => {
            if (m[2] !== undefined) return m[2].replace(/\\(.)/g, "$1");
            const b = hex(m[1]!);
            let t = "";
            for (let i = 0; i + 1 < b.length; i += 2) t += map.get(b.readUInt16BE(i)) ?? "";
            return t;
          })
          .join(""),
      );
    }
    if (!maps.length) out.push(shown.map((m) => m[2] ?? "").join(""));
  }
  return out.join("\n");
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** An answer's body as a reader sees it, whatever its type; `problems` lists what must not be in it at all (image metadata). */
export async function decodeBody(contentType: string, body: Buffer): Promise<Decoded> {
  const ct = contentType.toLowerCase();
  if (!body.length) return { kind: "empty", text: "", problems: [] };
  if (ct.includes("json")) {
    const raw = body.toString("utf8");
    const out: string[] = [raw];
    // JSON Lines (application/x-ndjson) parse line by line
    const docs = ct.includes("ndjson") ? raw.split("\n").filter((l) => l.trim()) : [raw];
    for (const d of docs) jsonStrings(JSON.parse(d), out);
    return { kind: "json", text: out.join("\n"), problems: [] };
  }
  if (ct.includes("xml") && !ct.includes("spreadsheetml")) return { kind: "xml", text: `${body.toString("utf8")}\n${decodeEntities(body.toString("utf8"))}`, problems: [] };
  if (ct.startsWith("text/csv")) return { kind: "csv", text: body.toString("utf8"), problems: [] };
  if (ct.startsWith("text/") || ct.includes("javascript") || ct.includes("yaml")) return { kind: "text", text: `${body.toString("utf8")}\n${decodeEntities(body.toString("utf8"))}`, problems: [] };
  if (ct.includes(XLSX)) {
    const parts = [...unzip(body).values()].map((b) => b.toString("utf8"));
    return { kind: "xlsx", text: parts.map((p) => `${p}\n${decodeEntities(p)}`).join("\n"), problems: [] };
  }
  if (ct.includes("application/pdf")) return { kind: "pdf", text: pdfText(body), problems: [] };
  if (ct.startsWith("image/")) {
    const meta = await sharp(body).metadata();
    const problems = [meta.exif ? "EXIF" : null, meta.xmp ? "XMP" : null, meta.iptc ? "IPTC" : null].filter((x): x is string => !!x);
    return { kind: "image", text: body.toString("latin1"), problems };
  }
  throw new Error(`the scanner cannot read an answer of type "${contentType}": teach decodeBody this type`);
}

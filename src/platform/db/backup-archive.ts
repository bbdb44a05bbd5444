import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * The backup file's two layers, both readable without Changwat: a plain ustar archive (`tar -xf` lists
 * manifest.json and the database payload), optionally wrapped in passphrase encryption (AES-256-GCM in 1 MiB
 * chunks, key from scrypt), so that a backup of citizens' personal data can be kept encrypted at rest.
 */

// ---------- tar (ustar, sizes past 8 GiB in GNU base-256) ----------

export type TarEntry = { name: string; size: number; data: Buffer | string };

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`);
  h.write(name, 0, "utf8");
  h.write(octal(0o600, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  if (size < 8 ** 11) h.write(octal(size, 12), 124, "ascii");
  else {
    // GNU base-256: first byte 0x80, then the size big-endian in the other 11 bytes
    h[124] = 0x80;
    let v = BigInt(size);
    for (let i = 135; i > 124; i--, v >>= 8n) h[i] = Number(v & 0xffn);
  }
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, "ascii");
  h.write("        ", 148, "ascii");
  h.write("0", 156, "ascii");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write("changwat", 265, "ascii");
  h.write("changwat", 297, "ascii");
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, "ascii");
  return h;
}

/** A tar archive as a byte stream: each entry's header, its data from `open()`, padding, then the end blocks. */
export async function* tarStream(entries: { name: string; size: number; open: () => AsyncIterable<Buffer> | Iterable<Buffer> }[], mtime = new Date()): AsyncGenerator<Buffer> {
  for (const e of entries) {
    yield tarHeader(e.name, e.size, mtime);
    let written = 0;
    for await (const chunk of e.open()) {
      written += chunk.length;
      yield chunk;
    }
    if (written !== e.size) throw new Error(`tar entry ${e.name}: ${written} bytes written, ${e.size} declared`);
    const pad = (BLOCK - (e.size % BLOCK)) % BLOCK;
    if (pad) yield Buffer.alloc(pad);
  }
  yield Buffer.alloc(BLOCK * 2);
}

/** Where one entry's data lies in a tar file. */
export type TarIndexEntry = { name: string; offset: number; size: number };

/** Thrown for anything that is not a well-formed archive (the caller turns it into a "bad file" refusal). */
export class ArchiveFormatError extends Error {}

/** Lists a tar file's entries (name, data offset, size) by walking its headers; checks every header's checksum. */
export function readTarIndex(file: string): TarIndexEntry[] {
  const fd = fs.openSync(file, "r");
  try {
    const total = fs.fstatSync(fd).size;
    const out: TarIndexEntry[] = [];
    const h = Buffer.alloc(BLOCK);
    let pos = 0;
    for (;;) {
      if (pos + BLOCK > total) throw new ArchiveFormatError("the archive ends before its end marker (truncated)");
      fs.readSync(fd, h, 0, BLOCK, pos);
      if (h.every((b) => b === 0)) return out;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
      const stored = parseInt(h.toString("ascii", 148, 156).replace(/\0.*$/s, "").trim(), 8);
      if (stored !== sum || h.toString("ascii", 257, 262) !== "ustar") throw new ArchiveFormatError(`not a tar archive (bad header at byte ${pos})`);
      const name = h.toString("utf8", 0, 100).replace(/\0.*$/s, "");
      let size: number;
      if (h[124]! & 0x80) {
        let v = 0n;
        for (let i = 125; i < 136; i++) v = (v << 8n) | BigInt(h[i]!);
        size = Number(v);
      } else size = parseInt(h.toString("ascii", 124, 136).replace(/\0.*$/s, "").trim() || "0", 8);
      if (!Number.isFinite(size) || size < 0 || pos + BLOCK + size > total) throw new ArchiveFormatError(`tar entry ${name} runs past the end of the file (truncated)`);
      out.push({ name, offset: pos + BLOCK, size });
      pos += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    fs.closeSync(fd);
  }
}

// ---------- encryption (AES-256-GCM, chunked, scrypt key) ----------

/**
 * Layout: "CWBKAES1" | scrypt log2 N, r, p (1 byte each) | salt (16) | nonce prefix (7) | chunks.
 * Each chunk is at most 1 MiB of plaintext sealed as ciphertext + 16-byte tag, under the nonce
 * prefix | chunk number (4 bytes) | 1 on the last chunk else 0, with the header as additional data: a changed,
 * reordered, dropped or truncated chunk fails its tag (the STREAM construction).
 */
export const ENCRYPTED_MAGIC = Buffer.from("CWBKAES1", "ascii");
const HEADER_LEN = ENCRYPTED_MAGIC.length + 3 + 16 + 7;
const CHUNK = 1 << 20;
const TAG = 16;
/** scrypt cost: N = 2^17, r = 8 (128 MiB, about half a second): the OWASP recommendation for scrypt */
const LOG_N = 17;
const MIN_LOG_N = 10;
const MAX_LOG_N = 20;
const R = 8;
const P = 1;
/** a passphrase shorter than this is refused: the file may sit on a shared disk for years */
export const MIN_PASSPHRASE_LENGTH = 12;

function scrypt(passphrase: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const opts: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 2 * 128 * r * 2 ** logN + (1 << 20) };
  return new Promise((resolve, reject) => scryptCb(passphrase.normalize("NFC"), salt, 32, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

function chunkNonce(prefix: Buffer, n: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  prefix.copy(nonce, 0);
  nonce.writeUInt32BE(n, 7);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Whether a file starts as an encrypted backup. */
export function isEncryptedFile(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const b = Buffer.alloc(ENCRYPTED_MAGIC.length);
    const n = fs.readSync(fd, b, 0, b.length, 0);
    return n === b.length && b.equals(ENCRYPTED_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/** Re-chunks a byte stream into pieces of exactly `size` bytes (the last one shorter), holding back one piece so the last is known. */
async function* pieces(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<{ piece: Buffer; last: boolean }> {
  let buf: Buffer = Buffer.alloc(0);
  let held: Buffer | null = null;
  for await (const chunk of source) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    while (buf.length >= size) {
      if (held) yield { piece: held, last: false };
      held = buf.subarray(0, size);
      buf = buf.subarray(size);
    }
  }
  if (buf.length) {
    if (held) yield { piece: held, last: false };
    yield { piece: buf, last: true };
  } else yield { piece: held ?? Buffer.alloc(0), last: true };
}

/** Encrypts a byte stream under a passphrase (see the layout above); `logN` is scrypt's cost, stored in the header. */
export async function* encryptStream(source: AsyncIterable<Buffer>, passphrase: string, opts: { logN?: number } = {}): AsyncGenerator<Buffer> {
  const logN = opts.logN ?? LOG_N;
  if (logN < MIN_LOG_N || logN > MAX_LOG_N) throw new Error(`scrypt log2 N must be within ${MIN_LOG_N}..${MAX_LOG_N}`);
  const salt = randomBytes(16);
  const prefix = randomBytes(7);
  const header = Buffer.concat([ENCRYPTED_MAGIC, Buffer.from([logN, R, P]), salt, prefix]);
  const key = await scrypt(passphrase, salt, logN, R, P);
  yield header;
  let n = 0;
  for await (const { piece, last } of pieces(source, CHUNK)) {
    const c = createCipheriv("aes-256-gcm", key, chunkNonce(prefix, n++, last));
    c.setAAD(header);
    yield Buffer.concat([c.update(piece), c.final(), c.getAuthTag()]);
  }
}

/** The passphrase is wrong or the file was changed: no plaintext of a failing chunk is ever written. */
export class DecryptionError extends Error {}

/** Decrypts an encrypted backup file into `dest` (created 0600); throws DecryptionError on a wrong passphrase or a changed file. */
export async function decryptFile(file: string, dest: string, passphrase: string): Promise<void> {
  const fd = fs.openSync(file, "r");
  const header = Buffer.alloc(HEADER_LEN);
  const got = fs.readSync(fd, header, 0, HEADER_LEN, 0);
  fs.closeSync(fd);
  if (got !== HEADER_LEN || !header.subarray(0, ENCRYPTED_MAGIC.length).equals(ENCRYPTED_MAGIC)) throw new DecryptionError("not an encrypted backup");
  const [logN, r, p] = [header[8]!, header[9]!, header[10]!];
  if (logN < MIN_LOG_N || logN > MAX_LOG_N || r < 1 || r > 32 || p < 1 || p > 16) throw new DecryptionError("unsupported key-derivation parameters");
  const salt = header.subarray(11, 27);
  const prefix = header.subarray(27, 34);
  const key = await scrypt(passphrase, salt, logN, r, p);
  async function* plain(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    let n = 0;
    let sawLast = false;
    for await (const { piece, last } of pieces(source, CHUNK + TAG)) {
      if (piece.length < TAG) throw new DecryptionError("the file is truncated");
      const d = createDecipheriv("aes-256-gcm", key, chunkNonce(prefix, n++, last));
      d.setAAD(header);
      d.setAuthTag(piece.subarray(piece.length - TAG));
      const out = d.update(piece.subarray(0, piece.length - TAG));
      try {
        d.final();
      } catch {
        throw new DecryptionError(n === 1 ? "wrong passphrase, or the file was changed" : `the file was changed or truncated (chunk ${n} fails its check)`);
      }
      sawLast = last;
      yield out;
    }
    if (!sawLast) throw new DecryptionError("the file is truncated");
  }
  await pipeline(fs.createReadStream(file, { start: HEADER_LEN, highWaterMark: CHUNK }), plain, fs.createWriteStream(dest, { mode: 0o600 }));
}

/** Writes a byte stream to `file` (mode 0600) through `.partial` and a rename, so a half-written file never has the final name. */
export async function writeFileAtomically(file: string, source: AsyncIterable<Buffer>): Promise<number> {
  const partial = `${file}.partial`;
  let bytes = 0;
  try {
    await pipeline(
      Readable.from(source),
      async function* (s: AsyncIterable<Buffer>) {
        for await (const c of s) {
          bytes += c.length;
          yield c;
        }
      },
      fs.createWriteStream(partial, { mode: 0o600, flags: "wx" }),
    );
    const fd = fs.openSync(partial, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(partial, file);
    return bytes;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new PartialFileExistsError(partial);
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

/** `<file>.partial` is there already: another backup is writing it, or one was interrupted (then delete it: it holds data). */
export class PartialFileExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} exists: another backup is writing it, or an interrupted one left it (delete it then)`);
  }
}

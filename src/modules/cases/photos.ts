/**
 * Photos of a case (a citizen's before-photos, staff's after-photos): refuse what is not a photo, then re-encode
 * every accepted one so that no byte of the upload is ever served back (no EXIF, GPS, XMP, IPTC, ICC; no hidden
 * payload), upright, at most PHOTO_MAX_EDGE px, with a thumbnail.
 */
import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { AppError, ValidationError, fieldError } from "../../platform/errors.js";

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** 40 megapixels: above any phone camera's photo (a 200 MP sensor saves 12.5 MP by default), far below a bomb. */
export const PHOTO_MAX_PIXELS = 40_000_000;
export const PHOTO_MAX_EDGE = 2048;
export const PHOTO_THUMB_EDGE = 320;
const QUALITY = 80;
const THUMB_QUALITY = 75;

// A 2-core server: one libvips thread per image (sharp's own default on glibc Linux, set here so it does not depend
// on the build) and at most one photo decoding at a time, so photos never take both cores (and all four libuv
// threads that fs, dns and crypto share) away from the requests. No operation cache: every upload is new bytes.
sharp.concurrency(1);
sharp.cache(false);
const PARALLEL_PHOTOS = 1;

/** The formats whose bytes we accept; sharp's names. GIF, SVG, TIFF, PDF … are refused before any decoder runs. */
export type PhotoSourceFormat = "jpeg" | "png" | "webp" | "heif";

export type PhotoImage = { bytes: Buffer; mediaType: "image/jpeg"; width: number; height: number };

/** A re-encoded photo: JPEG (every browser, mail client and pdfmake reads it), its thumbnail and its fingerprint. */
export type ProcessedPhoto = PhotoImage & {
  thumbnail: PhotoImage;
  /** Hex SHA-256 of `bytes` (the output, not the upload): a stable name for storage and duplicate detection. */
  sha256: string;
  originalBytes: number;
  sourceFormat: PhotoSourceFormat;
};

export type PhotoInput = { bytes: Buffer; mediaType?: string; fileName?: string };
export type PhotoOptions = { maxBytes?: number; maxPixels?: number; maxEdge?: number; thumbEdge?: number; path?: string };

/** An upload over the size limit: 413 like planning's FileTooLargeError, naming the field and the limit. */
export class PhotoTooLargeError extends AppError {
  constructor(size: number, max: number, path = "photo") {
    const mb = Math.round((max / 1024 / 1024) * 10) / 10;
    const th = `รูปภาพใหญ่เกิน ${mb} MB`;
    const en = `The photo is larger than ${mb} MB`;
    super("cases.photo.too-large", 413, th, en, [fieldError(path, "cases.photo.too-large", th, en)], { size, max });
  }
}

const HEIF_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis"]);

/** What the first bytes say the file is (never its name or declared type), or null when it is none of ours. */
export function sniffPhotoFormat(b: Buffer): PhotoSourceFormat | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "png";
  if (b.length >= 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") return "webp";
  // ISO-BMFF: [size]["ftyp"][major brand][minor version][compatible brands…]; an MP4 video has the same box, other brands
  if (b.length >= 16 && b.toString("latin1", 4, 8) === "ftyp") {
    const boxEnd = Math.min(b.readUInt32BE(0), b.length, 256);
    const brands = [b.toString("latin1", 8, 12)];
    for (let i = 16; i + 4 <= boxEnd; i += 4) brands.push(b.toString("latin1", i, i + 4));
    if (brands.some((x) => HEIF_BRANDS.has(x))) return "heif";
  }
  return null;
}

const notAnImage = (path: string) =>
  new ValidationError([
    fieldError(path, "cases.photo.not-an-image", "ไฟล์นี้ไม่ใช่รูปภาพ รับเฉพาะ JPEG, PNG, WebP หรือ HEIC", "This file is not a photo: only JPEG, PNG, WebP or HEIC are accepted"),
  ]);

const tooManyPixels = (path: string, width: number, height: number, max: number) =>
  new ValidationError([
    fieldError(
      path,
      "cases.photo.too-many-pixels",
      `รูปภาพมีขนาด ${width}×${height} พิกเซล เกินกว่าที่รับได้ (${Math.floor(max / 1e6)} ล้านพิกเซล)`,
      `The photo is ${width}×${height} pixels, more than the ${Math.floor(max / 1e6)} megapixels accepted`,
    ),
  ]);

const unreadable = (path: string, format: PhotoSourceFormat) =>
  new ValidationError([
    format === "heif"
      ? // sharp's prebuilt libvips decodes AVIF but not HEVC-coded HEIC (patents): ask for the phone's JPEG instead
        fieldError(path, "cases.photo.unreadable", "ระบบอ่านไฟล์ HEIC/HEIF นี้ไม่ได้ กรุณาส่งรูปเป็น JPEG", "This HEIC/HEIF photo cannot be read here: please send it as a JPEG")
      : fieldError(path, "cases.photo.unreadable", "ไฟล์รูปภาพเสียหายหรือไม่สมบูรณ์ อ่านไม่ได้", "The photo is damaged or incomplete and cannot be read"),
  ]);

let active = 0;
const waiting: (() => void)[] = [];

/** Runs fn when fewer than PARALLEL_PHOTOS photos are being processed (first come, first served). */
async function inTurn<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= PARALLEL_PHOTOS) await new Promise<void>((resolve) => waiting.push(resolve));
  else active++;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else active--;
  }
}

/**
 * Checks an uploaded photo (size, real format by its bytes, pixel count, decodability) and re-encodes it upright,
 * flattened on white, at most maxEdge px, as JPEG without any metadata; throws PhotoTooLargeError (413) or
 * ValidationError (400, codes cases.photo.not-an-image | too-many-pixels | unreadable) on the field `path`.
 */
export async function processPhoto(input: PhotoInput, opts: PhotoOptions = {}): Promise<ProcessedPhoto> {
  const path = opts.path ?? "photo";
  const maxBytes = opts.maxBytes ?? PHOTO_MAX_BYTES;
  const maxPixels = opts.maxPixels ?? PHOTO_MAX_PIXELS;
  const maxEdge = opts.maxEdge ?? PHOTO_MAX_EDGE;
  const thumbEdge = opts.thumbEdge ?? PHOTO_THUMB_EDGE;
  const bytes = input.bytes;
  // mediaType and fileName are the client's claims: only the bytes decide
  if (bytes.length > maxBytes) throw new PhotoTooLargeError(bytes.length, maxBytes, path);
  const format = sniffPhotoFormat(bytes);
  if (!format) throw notAnImage(path);

  return inTurn(async () => {
    // the header only (no pixel is decoded): the decoder must agree with the magic bytes, and the size must be sane
    let meta: Metadata;
    try {
      meta = await sharp(bytes, { failOn: "error", limitInputPixels: false }).metadata();
    } catch {
      throw unreadable(path, format);
    }
    if (meta.format !== format) throw notAnImage(path);
    // an animated WebP or an image sequence: only its first frame is kept (pages: 1 below), so only it is counted
    const frameHeight = meta.pageHeight ?? meta.height;
    if (!meta.width || !frameHeight) throw unreadable(path, format);
    if (meta.width * frameHeight > maxPixels) throw tooManyPixels(path, meta.width, frameHeight, maxPixels);

    let main: { data: Buffer; info: OutputInfo };
    try {
      // no keepExif/withMetadata: sharp writes no metadata and converts to sRGB. failOn "error", not the stricter
      // "warning": a harmless libjpeg warning (stray bytes between segments) must not cost a citizen the photo, and
      // all is re-encoded anyway; truncated and corrupt data still fail.
      main = await sharp(bytes, { failOn: "error", limitInputPixels: maxPixels, pages: 1, autoOrient: true })
        .resize({ width: maxEdge, height: maxEdge, fit: "inside", withoutEnlargement: true })
        .flatten({ background: "#ffffff" })
        .jpeg({ quality: QUALITY, progressive: true }) // mozjpeg's trellis: 17 % smaller but 2.5× slower here
        .toBuffer({ resolveWithObject: true });
    } catch (e) {
      if (e instanceof Error && /pixel limit/i.test(e.message)) throw tooManyPixels(path, meta.width, frameHeight, maxPixels);
      throw unreadable(path, format);
    }
    // from the clean output, not the upload: cheap (JPEG shrink-on-load) and nothing of the original can leak into it
    const thumb = await sharp(main.data)
      .resize({ width: thumbEdge, height: thumbEdge, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: THUMB_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return {
      bytes: main.data,
      mediaType: "image/jpeg",
      width: main.info.width,
      height: main.info.height,
      thumbnail: { bytes: thumb.data, mediaType: "image/jpeg", width: thumb.info.width, height: thumb.info.height },
      sha256: createHash("sha256").update(main.data).digest("hex"),
      originalBytes: bytes.length,
      sourceFormat: format,
    };
  });
}

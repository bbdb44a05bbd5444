import { createHash } from "node:crypto";
import zlib from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.js";
import { PHOTO_MAX_BYTES, processPhoto, sniffPhotoFormat } from "./photos.js";

/** The error a promise rejects with (the test fails if it resolves). */
async function refusal(p: Promise<unknown>): Promise<AppError> {
  const r = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(r instanceof AppError)) throw new Error(`expected an AppError, got ${String(r)}`);
  return r;
}

function expectRefused(e: AppError, status: number, code: string) {
  expect(e.status).toBe(status);
  expect(e.fields?.[0]).toMatchObject({ path: "photo", code });
  expect(e.fields![0]!.messageTh).toMatch(/[\u0E00-\u0E7F]/);
  expect(e.fields![0]!.messageEn.length).toBeGreaterThan(10);
}

/** Marker bytes of a JPEG's segments up to the start of scan: APP1 = EXIF/XMP, APP2 = ICC, APP13 = IPTC. */
function jpegMarkers(b: Buffer): number[] {
  const out: number[] = [];
  for (let i = 2; i + 4 <= b.length && b[i] === 0xff; ) {
    const m = b[i + 1]!;
    out.push(m);
    if (m === 0xda) break;
    i += 2 + b.readUInt16BE(i + 2);
  }
  return out;
}

/** Tag ids of IFD0 in sharp's `exif` buffer ("Exif\0\0" + TIFF header). */
function ifd0Tags(exif: Buffer): number[] {
  const t = exif.subarray(6);
  const le = t.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (le ? t.readUInt16LE(o) : t.readUInt16BE(o));
  const off = le ? t.readUInt32LE(4) : t.readUInt32BE(4);
  return Array.from({ length: u16(off) }, (_, k) => u16(off + 2 + k * 12));
}

/** An APP13 (Photoshop 3.0 / 8BIM 0x0404) segment holding one IPTC dataset, inserted right after SOI. */
function withIptc(jpeg: Buffer, city: string): Buffer {
  const value = Buffer.from(city, "utf8");
  const iptc = Buffer.concat([Buffer.from([0x1c, 0x02, 0x5a, value.length >> 8, value.length & 0xff]), value]);
  const padded = iptc.length % 2 ? Buffer.concat([iptc, Buffer.alloc(1)]) : iptc;
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iptc.length);
  const body = Buffer.concat([Buffer.from("Photoshop 3.0\0", "latin1"), Buffer.from("8BIM", "latin1"), Buffer.from([0x04, 0x04, 0, 0]), size, padded]);
  const head = Buffer.from([0xff, 0xed, (body.length + 2) >> 8, (body.length + 2) & 0xff]);
  return Buffer.concat([jpeg.subarray(0, 2), head, body, jpeg.subarray(2)]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(td));
  return Buffer.concat([len, td, crc]);
}

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="19,54.0N" exif:GPSLongitude="99,49.0E"/></rdf:RDF></x:xmpmeta>`;
const GPS_EXIF = {
  IFD0: { Make: "TestPhone", Model: "Field unit 1" },
  IFD3: { GPSLatitudeRef: "N", GPSLatitude: "19/1 54/1 30/1", GPSLongitudeRef: "E", GPSLongitude: "99/1 49/1 50/1" },
};

/** 600×400, left half red and right half blue: after a 90° clockwise turn red is on top. */
async function halfRedHalfBlue() {
  const blue = await sharp({ create: { width: 300, height: 400, channels: 3, background: "#0000ff" } }).png().toBuffer();
  return sharp({ create: { width: 600, height: 400, channels: 3, background: "#ff0000" } }).composite([{ input: blue, left: 300, top: 0 }]);
}

async function pixel(jpeg: Buffer, x: number, y: number) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

describe("processPhoto: what is kept of a citizen's or an officer's photo", () => {
  it("a phone JPEG with GPS in EXIF and XMP, IPTC and orientation 6 comes out upright with no metadata at all", async () => {
    const raw = await (await halfRedHalfBlue()).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).withExif(GPS_EXIF).withXmp(XMP).toBuffer();
    const input = withIptc(raw, "Chiang Rai");
    const before = await sharp(input).metadata();
    // the fixture really carries what must go
    expect(before.orientation).toBe(6);
    expect(ifd0Tags(before.exif!)).toEqual(expect.arrayContaining([0x0112, 0x8825])); // Orientation, GPSInfo IFD pointer
    expect(before.xmp?.toString()).toContain("GPSLatitude");
    expect(before.iptc?.toString("latin1")).toContain("Chiang Rai");

    const out = await processPhoto({ bytes: input, mediaType: "image/jpeg", fileName: "IMG_0001.JPG" });
    const after = await sharp(out.bytes).metadata();
    expect(after.format).toBe("jpeg");
    expect(after).not.toHaveProperty("exif");
    expect(after).not.toHaveProperty("xmp");
    expect(after).not.toHaveProperty("iptc");
    expect(after).not.toHaveProperty("icc");
    expect(after.orientation).toBeUndefined();
    // only the JFIF header, tables and frame: no APP1 (EXIF, XMP), APP2 (ICC) or APP13 (IPTC) segment
    expect(jpegMarkers(out.bytes).filter((m) => m >= 0xe1 && m <= 0xef)).toEqual([]);
    for (const s of ["Exif", "GPS", "Chiang Rai", "TestPhone", "adobe"]) expect(out.bytes.includes(Buffer.from(s, "latin1"))).toBe(false);
    // turned 90° clockwise as orientation 6 asks: 400×600, the left (red) half is now on top
    expect([out.width, out.height, after.width, after.height]).toEqual([400, 600, 400, 600]);
    const [r1, , b1] = await pixel(out.bytes, 200, 100);
    const [r2, , b2] = await pixel(out.bytes, 200, 500);
    expect(r1).toBeGreaterThan(200);
    expect(b1).toBeLessThan(60);
    expect(b2).toBeGreaterThan(200);
    expect(r2).toBeLessThan(60);
    expect(await sharp(out.thumbnail.bytes).metadata()).not.toHaveProperty("exif");
    expect(out).toMatchObject({ mediaType: "image/jpeg", sourceFormat: "jpeg", originalBytes: input.length });
  });

  it("a WebP carrying EXIF GPS and XMP is re-encoded to a bare JPEG too; the declared type and name are ignored", async () => {
    const input = await (await halfRedHalfBlue()).webp({ quality: 90 }).withExif(GPS_EXIF).withXmp(XMP).toBuffer();
    const before = await sharp(input).metadata();
    expect(ifd0Tags(before.exif!)).toContain(0x8825);
    const out = await processPhoto({ bytes: input, mediaType: "application/pdf", fileName: "report.pdf" });
    const after = await sharp(out.bytes).metadata();
    expect([after.format, after.exif, after.xmp, after.iptc]).toEqual(["jpeg", undefined, undefined, undefined]);
    expect(out.sourceFormat).toBe("webp");
    expect([out.width, out.height]).toEqual([600, 400]);
  });

  it("a Display-P3 or CMYK JPEG becomes plain sRGB without an ICC profile", async () => {
    const blue = sharp({ create: { width: 50, height: 40, channels: 3, background: "#3366cc" } });
    const p3 = await blue.clone().withIccProfile("p3").jpeg().toBuffer();
    const cmyk = await blue.clone().toColourspace("cmyk").jpeg().toBuffer();
    expect((await sharp(p3).metadata()).icc).toBeInstanceOf(Buffer);
    expect((await sharp(cmyk).metadata()).space).toBe("cmyk");
    for (const bytes of [p3, cmyk]) {
      const after = await sharp((await processPhoto({ bytes })).bytes).metadata();
      expect([after.space, after.channels, after.icc]).toEqual(["srgb", 3, undefined]);
    }
  });

  it("a PNG with a transparent background is flattened onto white (JPEG has no alpha)", async () => {
    const square = await sharp({ create: { width: 40, height: 40, channels: 3, background: "#008000" } }).png().toBuffer();
    const input = await sharp({ create: { width: 120, height: 80, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: square, left: 40, top: 20 }])
      .png()
      .toBuffer();
    expect((await sharp(input).metadata()).hasAlpha).toBe(true);
    const out = await processPhoto({ bytes: input });
    const after = await sharp(out.bytes).metadata();
    expect([after.format, after.hasAlpha, after.channels]).toEqual(["jpeg", false, 3]);
    for (const v of await pixel(out.bytes, 2, 2)) expect(v).toBeGreaterThan(250); // transparent black became white, not black
    const [r, g, b] = await pixel(out.bytes, 60, 40);
    expect(g).toBeGreaterThan(100);
    expect(r + b).toBeLessThan(60);
    expect(out.sourceFormat).toBe("png");
  });

  it("the long edge is cut to 2048 px (never enlarged), the thumbnail's to 320 px", async () => {
    const big = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#777" } }).jpeg().toBuffer();
    const out = await processPhoto({ bytes: big });
    expect([out.width, out.height]).toEqual([2048, 1365]);
    expect([out.thumbnail.width, out.thumbnail.height]).toEqual([320, 213]);
    const tall = await processPhoto({ bytes: await sharp({ create: { width: 900, height: 1600, channels: 3, background: "#777" } }).png().toBuffer() });
    expect([tall.width, tall.height, tall.thumbnail.width, tall.thumbnail.height]).toEqual([900, 1600, 180, 320]);
    expect(tall.thumbnail.mediaType).toBe("image/jpeg");
    expect((await sharp(tall.thumbnail.bytes).metadata()).width).toBe(180);
    const small = await processPhoto({ bytes: await sharp({ create: { width: 200, height: 150, channels: 3, background: "#777" } }).png().toBuffer() });
    expect([small.width, small.height, small.thumbnail.width, small.thumbnail.height]).toEqual([200, 150, 200, 150]);
    const narrow = await processPhoto({ bytes: big }, { maxEdge: 1000, thumbEdge: 100 });
    expect([narrow.width, narrow.height, narrow.thumbnail.width]).toEqual([1000, 667, 100]);
  });

  it("the SHA-256 is of the output and the same upload always gives the same bytes", async () => {
    const input = await (await halfRedHalfBlue()).jpeg().withExif(GPS_EXIF).toBuffer();
    const a = await processPhoto({ bytes: input });
    const b = await processPhoto({ bytes: Buffer.from(input) });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.sha256).toBe(createHash("sha256").update(a.bytes).digest("hex"));
    expect(b.sha256).toBe(a.sha256);
    expect(b.bytes.equals(a.bytes)).toBe(true);
    // the same pixels without the GPS tags: the same output, so the hash says nothing about the stripped metadata
    const bare = await processPhoto({ bytes: await (await halfRedHalfBlue()).jpeg().toBuffer() });
    expect(bare.sha256).toBe(a.sha256);
    const other = await processPhoto({ bytes: await sharp({ create: { width: 600, height: 400, channels: 3, background: "#00ff00" } }).jpeg().toBuffer() });
    expect(other.sha256).not.toBe(a.sha256);
  });

  it("a JPEG with stray bytes between its segments (a libjpeg warning, not an error) is accepted", async () => {
    const j = await (await halfRedHalfBlue()).jpeg().toBuffer();
    const at = 4 + j.readUInt16BE(4); // after APP0
    const stray = Buffer.concat([j.subarray(0, at), Buffer.from([0x12, 0x34, 0x56]), j.subarray(at)]);
    await expect(sharp(stray, { failOn: "warning" }).toBuffer()).rejects.toThrow(/extraneous bytes/);
    await expect(processPhoto({ bytes: stray })).resolves.toMatchObject({ width: 600, height: 400 });
  });

  it("an animated WebP keeps its first frame only", async () => {
    const frame = (c: string) => sharp({ create: { width: 30, height: 20, channels: 3, background: c } }).png().toBuffer();
    const anim = await sharp([await frame("#ff0000"), await frame("#00ff00"), await frame("#0000ff")], { join: { animated: true } }).webp({ loop: 0 }).toBuffer();
    expect((await sharp(anim).metadata()).pages).toBe(3);
    const out = await processPhoto({ bytes: anim });
    expect([out.width, out.height]).toEqual([30, 20]);
    const [r, g, b] = await pixel(out.bytes, 15, 10);
    expect(r).toBeGreaterThan(200);
    expect(g + b).toBeLessThan(60);
  });

  it("an AVIF (the HEIF family this build decodes) is accepted and becomes a JPEG", async () => {
    const avif = await (await halfRedHalfBlue()).avif({ quality: 60 }).toBuffer();
    expect(sniffPhotoFormat(avif)).toBe("heif");
    const out = await processPhoto({ bytes: avif, mediaType: "image/avif" });
    expect([out.sourceFormat, out.width, out.height, (await sharp(out.bytes).metadata()).format]).toEqual(["heif", 600, 400, "jpeg"]);
  });
});

describe("processPhoto refuses what is not an acceptable photo, with a stable code and no crash", () => {
  it("an upload over the limit is 413 cases.photo.too-large, before a byte is decoded", async () => {
    const huge = Buffer.alloc(PHOTO_MAX_BYTES + 1);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const e = await refusal(processPhoto({ bytes: huge, mediaType: "image/jpeg" }));
    expect(e.code).toBe("cases.photo.too-large");
    expectRefused(e, 413, "cases.photo.too-large");
    expect(e.details).toEqual({ size: PHOTO_MAX_BYTES + 1, max: PHOTO_MAX_BYTES });
    // a real photo over a smaller limit; and the field path can name the n-th photo of a form
    const real = await (await halfRedHalfBlue()).jpeg().toBuffer();
    const e2 = await refusal(processPhoto({ bytes: real }, { maxBytes: real.length - 1, path: "photos.2" }));
    expect([e2.status, e2.fields?.[0]?.path]).toEqual([413, "photos.2"]);
    await expect(processPhoto({ bytes: real }, { maxBytes: real.length })).resolves.toMatchObject({ mediaType: "image/jpeg" });
  });

  it("a PDF, SVG, HTML, GIF, TIFF, MP4 or empty file is not-an-image (400) whatever its name and declared type", async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#f00" } }).gif().toBuffer();
    const tiff = await sharp({ create: { width: 10, height: 10, channels: 3, background: "#f00" } }).tiff().toBuffer();
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from("ftypisom\0\0\x02\0isomiso2avc1mp41", "latin1"), Buffer.alloc(64)]);
    const files = {
      pdf: Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
      svg: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script></svg>'),
      html: Buffer.from("<!doctype html><html><body><img src=x onerror=alert(1)></body></html>"),
      gif,
      tiff,
      mp4,
      empty: Buffer.alloc(0),
    };
    for (const [kind, bytes] of Object.entries(files)) {
      const e = await refusal(processPhoto({ bytes, mediaType: "image/jpeg", fileName: `photo-${kind}.jpg` }));
      expect(e.code, kind).toBe("validation.failed");
      expectRefused(e, 400, "cases.photo.not-an-image");
    }
  });

  it("random bytes behind a JPEG header, and a JPEG cut in half, are 400 cases.photo.unreadable", async () => {
    let x = 12345;
    const noise = Buffer.from(Array.from({ length: 5000 }, () => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24)));
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\0", "latin1"), noise]);
    expectRefused(await refusal(processPhoto({ bytes: fake })), 400, "cases.photo.unreadable");
    const whole = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 30 } } }).jpeg().toBuffer();
    expectRefused(await refusal(processPhoto({ bytes: whole.subarray(0, whole.length >> 1) })), 400, "cases.photo.unreadable");
    const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 30 } } }).png().toBuffer();
    expectRefused(await refusal(processPhoto({ bytes: png.subarray(0, png.length >> 1) })), 400, "cases.photo.unreadable");
  });

  it("a HEIC this build cannot decode is 400 cases.photo.unreadable asking for a JPEG", async () => {
    const avif = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#0a0" } }).avif().toBuffer();
    // the same boxes relabelled as HEVC (sharp's prebuilt libvips has no HEVC decoder), as an iPhone's HEIC would be
    const heic = Buffer.from(avif.toString("latin1").replaceAll("avif", "heic").replaceAll("av01", "hvc1").replaceAll("av1C", "hvcC"), "latin1");
    expect(sniffPhotoFormat(heic)).toBe("heif");
    const e = await refusal(processPhoto({ bytes: heic, mediaType: "image/heic", fileName: "IMG_0002.HEIC" }));
    expectRefused(e, 400, "cases.photo.unreadable");
    expect(e.fields![0]!.messageEn).toContain("JPEG");
  });

  it("a 20000×20000 PNG header (a decompression bomb of 74 bytes) is too-many-pixels without being decoded", async () => {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20000, 0);
    ihdr.writeUInt32BE(20000, 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // RGB: 1.2 GB once decoded
    const bomb = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk("IHDR", ihdr), pngChunk("IDAT", zlib.deflateSync(Buffer.alloc(1000))), pngChunk("IEND", Buffer.alloc(0))]);
    const rssBefore = process.memoryUsage().rss;
    const e = await refusal(processPhoto({ bytes: bomb }));
    expectRefused(e, 400, "cases.photo.too-many-pixels");
    expect(e.fields![0]!.messageEn).toContain("20000×20000");
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024); // 1.2 GB was never allocated
    // the limit is an option: a real 100×100 photo against 5,000 pixels
    const small = await sharp({ create: { width: 100, height: 100, channels: 3, background: "#777" } }).jpeg().toBuffer();
    expectRefused(await refusal(processPhoto({ bytes: small }, { maxPixels: 5000 })), 400, "cases.photo.too-many-pixels");
  });
});

describe("processPhoto's cost", () => {
  it("a 12-megapixel phone-sized JPEG (printed, not asserted)", async () => {
    // noise enlarged 4× has a photo's grain and edges; a phone's 12 MP JPEG is 3–5 MB, so is this one
    const grain = await sharp({ create: { width: 1000, height: 750, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 35 } } }).png().toBuffer();
    const input = await sharp(grain).resize(4000, 3000).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).withExif(GPS_EXIF).toBuffer();
    await processPhoto({ bytes: input }); // warm-up
    const times: number[] = [];
    let out = await processPhoto({ bytes: input });
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      out = await processPhoto({ bytes: input });
      times.push(performance.now() - t);
    }
    expect([out.width, out.height]).toEqual([1536, 2048]);
    console.info(
      `processPhoto 4000×3000 JPEG (${(input.length / 1e6).toFixed(1)} MB) → ${out.width}×${out.height} (${Math.round(out.bytes.length / 1e3)} kB) + thumbnail: ` +
        `${times.map((t) => t.toFixed(0)).join(", ")} ms`,
    );
  }, 30_000);
});

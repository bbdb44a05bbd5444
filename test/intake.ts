import sharp from "sharp";

/** A phone-style JPEG that carries GPS and camera EXIF, as a citizen's upload would. */
export async function phonePhoto(exif: { model?: string; lat?: number; lon?: number; after?: boolean } = {}): Promise<Buffer> {
  const dms = (v: number) => {
    const d = Math.floor(v);
    const m = Math.floor((v - d) * 60);
    const s = Math.round(((v - d) * 60 - m) * 60 * 10000);
    return `${d}/1 ${m}/1 ${s}/10000`;
  };
  // an after-photo shows another scene (a handler's photo that looks like the reporter's is refused)
  const scene = exif.after
    ? '<svg width="640" height="480"><rect x="0" y="0" width="320" height="480" fill="#2a2"/><polygon points="400,40 620,440 180,440" fill="#ddd"/></svg>'
    : '<svg width="640" height="480"><rect x="40" y="300" width="560" height="120" fill="#654"/><circle cx="320" cy="160" r="90" fill="#eee"/></svg>';
  return sharp({ create: { width: 640, height: 480, channels: 3, background: exif.after ? { r: 200, g: 60, b: 30 } : { r: 40, g: 120, b: 200 } } })
    .composite([{ input: Buffer.from(scene), top: 0, left: 0 }])
    .jpeg()
    .withExif({
      IFD0: { Make: "TestPhone", Model: exif.model ?? "Secret Model X" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: exif.lat === undefined ? "20/1 24/1 3600/100" : dms(exif.lat), GPSLongitudeRef: "E", GPSLongitude: exif.lon === undefined ? "99/1 52/1 3000/100" : dms(exif.lon) },
    })
    .toBuffer();
}

/** One part of a hand-made multipart body: a field (value) or a file (filename, type, data). */
export type MultipartPart = { name: string; value?: string; filename?: string; type?: string; data?: Buffer };

/** multipart/form-data bytes by hand, in the order given, framed with `boundary` (which a test may misannounce). */
export function multipartBody(parts: MultipartPart[], boundary = "----changwat-test-boundary"): Buffer {
  const out: Buffer[] = [];
  for (const p of parts) {
    if (p.filename !== undefined) out.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? "application/octet-stream"}\r\n\r\n`), p.data ?? Buffer.alloc(0), Buffer.from("\r\n"));
    else out.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value ?? ""}\r\n`));
  }
  out.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(out);
}

/** multipart/form-data by hand: fields (a `case` JSON field, say) and files, with its content-type header. */
export function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; data: Buffer }[]) {
  const boundary = "----changwat-test-boundary";
  const parts: MultipartPart[] = [...Object.entries(fields).map(([name, value]) => ({ name, value })), ...files];
  return { payload: multipartBody(parts, boundary), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

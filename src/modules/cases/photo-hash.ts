import sharp from "sharp";
import type { PhotoToStore } from "./photo-store.js";
import { processPhoto, type PhotoInput } from "./photos.js";

/**
 * 64-bit difference hash of a picture (hex): grey 9×8, one bit per neighbouring pair brighter-left. The same photo
 * re-saved, resized or re-compressed keeps its hash, so an after-photo reused from another case is caught even when
 * its bytes differ.
 */
export async function differenceHash(bytes: Buffer): Promise<string> {
  const px = await sharp(bytes).greyscale().resize(9, 8, { fit: "fill" }).raw().toBuffer();
  let bits = 0n;
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) bits = (bits << 1n) | (px[y * 9 + x]! > px[y * 9 + x + 1]! ? 1n : 0n);
  return bits.toString(16).padStart(16, "0");
}

/** An upload made safe to keep: re-encoded without metadata (processPhoto), with its difference hash. */
export async function keepablePhoto(input: PhotoInput): Promise<PhotoToStore> {
  const p = await processPhoto(input);
  return { ...p, dhash: await differenceHash(p.bytes) };
}

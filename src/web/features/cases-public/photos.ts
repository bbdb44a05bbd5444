/** The kinds of photo the form takes (the server also re-encodes them and strips their metadata). */
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export const MAX_PHOTOS = 3;
/** The server's limit per photo (10 MB); larger ones are shrunk here first or refused. */
export const SERVER_MAX_BYTES = 10 * 1024 * 1024;
const SHRINK_ABOVE_BYTES = 1_500_000;
const MAX_SIDE = 2048;

/**
 * Shrinks a large phone photo to at most 2048 px on its long side (JPEG) before it is sent: a 4 MB picture costs a
 * minute on a slow mobile link, and the server keeps no more detail than that. Small or undecodable files go as they are.
 */
export async function shrinkPhoto(file: File): Promise<File> {
  if (file.size <= SHRINK_ABOVE_BYTES || typeof createImageBitmap !== "function") return file;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const w = Math.round(bitmap.width * scale);
    const h = Math.round(bitmap.height * scale);
    const canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, w, h);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], file.name.replace(/\.\w+$/, "") + ".jpg", { type: "image/jpeg" });
  } catch {
    return file;
  }
}

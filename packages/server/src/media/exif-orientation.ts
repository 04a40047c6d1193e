// The EXIF Orientation (1–8) of a JPEG: browsers apply it to <img>, so a thumbnail must too or it would lie sideways.
const ORIENTATION_TAG = 0x0112;
const APP1 = 0xe1;
const START_OF_SCAN = 0xda;
const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"

/** Orientation from a TIFF structure (the body of an EXIF segment); 1 when absent or unreadable. */
function tiffOrientation(view: DataView, start: number, end: number): number {
  if (start + 8 > end) return 1;
  const order = view.getUint16(start);
  if (order !== 0x4949 && order !== 0x4d4d) return 1;
  const little = order === 0x4949;
  const ifd = start + view.getUint32(start + 4, little);
  if (ifd + 2 > end) return 1;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (view.getUint16(entry, little) === ORIENTATION_TAG) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Walks the JPEG's segments before the image data for an APP1 "Exif" segment. */
export function jpegOrientation(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1] ?? 0;
    if (marker === START_OF_SCAN) return 1;
    const length = view.getUint16(offset + 2);
    if (length < 2) return 1;
    const body = offset + 4;
    const end = Math.min(bytes.length, offset + 2 + length);
    if (marker === APP1 && EXIF_HEADER.every((byte, i) => bytes[body + i] === byte))
      return tiffOrientation(view, body + EXIF_HEADER.length, end);
    offset += 2 + length;
  }
  return 1;
}

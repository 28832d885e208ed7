/**
 * Uploaded images, made safe to keep and to serve without decoding a single pixel: the size is read
 * from the file's own container (PNG chunks, JPEG segments, GIF blocks, WebP RIFF chunks), a
 * "pixel bomb" (a small file that claims an enormous picture) is refused on that size, and metadata
 * (Exif with the camera's GPS position, XMP, IPTC, comments, timestamps) is removed by copying only
 * the structures a viewer needs. The compressed picture data is copied byte for byte, so what people
 * see is exactly what was uploaded.
 *
 * Pure TypeScript with no image library on purpose: a decoder is exactly what a hostile file
 * attacks, and nothing here allocates more than the file's own size.
 */

export const imageMimeTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export type ImageMime = (typeof imageMimeTypes)[number];

export function isImageMime(mime: string): mime is ImageMime {
  return (imageMimeTypes as readonly string[]).includes(mime);
}

/*
 * Limits. A viewer (the citizen's phone, a staff member's browser) decodes an image into about
 * 4 bytes per pixel, so 50 megapixels is 200 MB of memory: already a lot for a phone, yet above
 * every ordinary camera (12–50 MP; a 50 MP sensor is 8160 × 6120) and an A2 map scanned at
 * 300 dpi (35 MP). No side may exceed 20,000 px: a 1 × 50,000,000 strip stays under the area
 * limit but is no picture anyone meant to publish, and long sides break graphics buffers (GPUs
 * typically stop at 16,384). Animations are decoded frame by frame, so the work grows with the sum
 * of the frames' areas: at most 1,000 frames and 200 megapixels in all (four full-size pictures;
 * a minute of a small 400 × 300 animation at 10 frames a second is 72 MP).
 */
export const maxImagePixels = 50_000_000;
export const maxImageSide = 20_000;
export const maxImageFrames = 1_000;
export const maxAnimationPixels = 4 * maxImagePixels;

export type ImageSize = {
  width: number;
  height: number;
  /** 1 for a still picture. */
  frames: number;
  /** The sum of the frames' own areas: the decoding work an animation asks for. */
  framePixels: number;
};

export type ImageRefusal = "unreadable" | "tooManyPixels" | "tooManyFrames";

export type SafeImage = { ok: true; bytes: Uint8Array; size: ImageSize } | { ok: false; reason: ImageRefusal };

/** Width and height from the header, or null when the structure is broken or truncated. */
export function imageDimensions(bytes: Uint8Array, mime: string): ImageSize | null {
  return parse(bytes, mime)?.size ?? null;
}

/** Why an image of this size is refused, or null when it may be kept. Unreadable is refused too. */
export function refusalFor(size: ImageSize | null): ImageRefusal | null {
  if (!size || size.width < 1 || size.height < 1) return "unreadable";
  if (size.width > maxImageSide || size.height > maxImageSide || size.width * size.height > maxImagePixels) return "tooManyPixels";
  if (size.frames > maxImageFrames || size.framePixels > maxAnimationPixels) return "tooManyFrames";
  return null;
}

/** A new copy of the file without its metadata, or null when the structure is broken. */
export function stripImageMetadata(bytes: Uint8Array, mime: string): Uint8Array | null {
  return parse(bytes, mime)?.strip() ?? null;
}

/** The file as it may be stored: measured first, refused if too large or unreadable, then stripped. */
export function safeImage(bytes: Uint8Array, mime: string): SafeImage {
  const parsed = parse(bytes, mime);
  const reason = refusalFor(parsed?.size ?? null);
  if (reason || !parsed) return { ok: false, reason: reason ?? "unreadable" };
  return { ok: true, bytes: parsed.strip(), size: parsed.size };
}

// ---- Shared helpers ----

type Parsed = { size: ImageSize; strip: () => Uint8Array };

function parse(bytes: Uint8Array, mime: string): Parsed | null {
  switch (mime) {
    case "image/png":
      return parsePng(bytes);
    case "image/jpeg":
      return parseJpeg(bytes);
    case "image/gif":
      return parseGif(bytes);
    case "image/webp":
      return parseWebp(bytes);
    default:
      return null;
  }
}

const be16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const be32 = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const le16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const le24 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const le32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

function ascii(b: Uint8Array, start: number, length: number) {
  let s = "";
  for (let i = start; i < start + length && i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** Concatenates [start, end) ranges of `source`, with one allocation. */
function join(source: Uint8Array, ranges: [number, number][]) {
  const out = new Uint8Array(ranges.reduce((n, [s, e]) => n + e - s, 0));
  let at = 0;
  for (const [s, e] of ranges) {
    out.set(source.subarray(s, e), at);
    at += e - s;
  }
  return out;
}

const still = (width: number, height: number): ImageSize => ({ width, height, frames: 1, framePixels: width * height });

// ---- PNG ----

/*
 * Ancillary chunks that describe how to show the pixels (colour, transparency, pixel density,
 * APNG animation). Every other ancillary chunk goes: besides eXIf, tEXt, zTXt, iTXt and tIME,
 * editors write private ones (Photoshop, C2PA manifests, …) that may carry anything. Critical
 * chunks (upper-case first letter) are always kept: a viewer needs them all.
 */
const pngKeep = new Set(["cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP", "mDCv", "cLLi", "bKGD", "tRNS", "pHYs", "sPLT", "hIST", "acTL", "fcTL", "fdAT"]);
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function parsePng(b: Uint8Array): Parsed | null {
  if (b.length < 8 || pngSignature.some((v, i) => b[i] !== v)) return null;
  const keep: [number, number][] = [[0, 8]];
  let width = 0;
  let height = 0;
  let frames = 0;
  let framePixels = 0;
  let i = 8;
  for (;;) {
    if (i + 12 > b.length) return null;
    const length = be32(b, i);
    const type = ascii(b, i + 4, 4);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) return null;
    const end = i + 12 + length;
    if (end > b.length) return null;
    const data = i + 8;
    if (i === 8) {
      // IHDR comes first and nowhere else; its width and height are the picture's.
      if (type !== "IHDR" || length !== 13) return null;
      width = be32(b, data);
      height = be32(b, data + 4);
      if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return null;
    } else if (type === "IHDR") {
      return null;
    }
    if (type === "fcTL") {
      if (length < 26) return null;
      const [w, h, x, y] = [be32(b, data + 4), be32(b, data + 8), be32(b, data + 12), be32(b, data + 16)];
      // The format forbids frames outside the canvas; a decoder that allowed one would grow.
      if (x + w > width || y + h > height) return null;
      frames++;
      framePixels += w * h;
    }
    const critical = type.charCodeAt(0) < 0x61;
    if (critical || pngKeep.has(type)) keep.push([i, end]);
    i = end;
    // Anything after IEND is not part of the picture and is dropped with the metadata.
    if (type === "IEND") break;
  }
  const size = frames > 0 ? { width, height, frames, framePixels: Math.max(framePixels, width * height) } : still(width, height);
  return { size, strip: () => join(b, keep) };
}

// ---- JPEG ----

type JpegSegment = { marker: number; start: number; payload: number; end: number };

/** SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
const isSof = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
const isStandalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

/** Every marker segment from SOI to EOI, with each scan's entropy-coded data counted in its SOS. */
function jpegSegments(b: Uint8Array): JpegSegment[] | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  const segments: JpegSegment[] = [];
  let i = 2;
  for (;;) {
    if (i >= b.length || b[i] !== 0xff) return null;
    while (i < b.length && b[i] === 0xff) i++; // fill bytes before a marker
    if (i >= b.length) return null;
    const marker = b[i];
    const start = i - 1;
    i++;
    if (marker === 0xd9) {
      segments.push({ marker, start, payload: i, end: i });
      return segments;
    }
    if (marker === 0x00 || marker === 0xd8) return null;
    if (isStandalone(marker)) {
      segments.push({ marker, start, payload: i, end: i });
      continue;
    }
    if (i + 2 > b.length) return null;
    const length = be16(b, i);
    let end = i + length;
    if (length < 2 || end > b.length) return null;
    if (marker === 0xda) {
      // The scan runs to the next marker: 0xFF followed by anything but a stuffed 0x00 or a restart.
      for (;;) {
        end = b.indexOf(0xff, end);
        if (end < 0 || end + 1 >= b.length) return null;
        const next = b[end + 1];
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) end += 2;
        else break;
      }
    }
    segments.push({ marker, start, payload: i + 2, end });
    i = end;
  }
}

function parseJpeg(b: Uint8Array): Parsed | null {
  const segments = jpegSegments(b);
  if (!segments) return null;
  let width = 0;
  let height = 0;
  let sawScan = false;
  for (const s of segments) {
    if (s.marker === 0xda) sawScan = true;
    if (!isSof(s.marker)) continue;
    if (s.end - s.payload < 6) return null;
    const h = be16(b, s.payload + 1);
    const w = be16(b, s.payload + 3);
    // A height of 0 is left to a DNL marker after the scan: the size is not known up front.
    if (w === 0 || h === 0) return null;
    // Hierarchical files have several frames; the largest decides the memory a viewer needs.
    width = Math.max(width, w);
    height = Math.max(height, h);
  }
  if (width === 0 || !sawScan) return null;
  return { size: still(width, height), strip: () => stripJpeg(b, segments) };
}

function stripJpeg(b: Uint8Array, segments: JpegSegment[]) {
  const parts: Uint8Array[] = [b.subarray(0, 2)]; // SOI
  for (const s of segments) {
    const m = s.marker;
    const id = (n: number) => ascii(b, s.payload, n);
    if (m === 0xe0) {
      if (id(5) !== "JFIF\0") continue;
      parts.push(jfifWithoutThumbnail(b, s));
    } else if (m === 0xe1 && id(6) === "Exif\0\0") {
      const orientation = exifOrientation(b, s.payload + 6, s.end);
      if (orientation) parts.push(exifWithOnly(orientation));
    } else if (m >= 0xe1 && m <= 0xef) {
      // APP2 ICC_PROFILE and APP14 Adobe (colour transform) change how the pixels look; the rest
      // (APP1 XMP, APP2 MPF pointing at hidden extra images, APP13 IPTC, …) are metadata.
      if ((m === 0xe2 && id(12) === "ICC_PROFILE\0") || (m === 0xee && id(5) === "Adobe")) parts.push(b.subarray(s.start, s.end));
    } else if (m === 0xfe || (m >= 0xf0 && m <= 0xfd)) {
      // COM, and JPGn extensions no browser reads.
      continue;
    } else {
      parts.push(b.subarray(s.start, s.end));
    }
  }
  // Data after EOI (phone "motion photos" append a video there) is dropped.
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The Exif orientation (2–8) when the photo is stored rotated or mirrored, else null. Phones save
 * portrait photos sideways and set this tag; browsers turn the picture by it, so without it the
 * photo would be shown on its side.
 */
function exifOrientation(b: Uint8Array, tiff: number, end: number): number | null {
  if (tiff + 8 > end) return null;
  const order = ascii(b, tiff, 2);
  if (order !== "II" && order !== "MM") return null;
  const u16 = (i: number) => (order === "II" ? le16(b, i) : be16(b, i));
  const u32 = (i: number) => (order === "II" ? le32(b, i) : be32(b, i));
  if (u16(tiff + 2) !== 42) return null;
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end) return null;
  const count = u16(ifd);
  for (let k = 0; k < count; k++) {
    const entry = ifd + 2 + 12 * k;
    if (entry + 12 > end) return null;
    // Tag 0x0112, type SHORT, one value, held in the entry itself.
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3 && u32(entry + 4) === 1) {
      const value = u16(entry + 8);
      return value >= 2 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 Exif segment holding the orientation and nothing else. */
function exifWithOnly(orientation: number) {
  return Uint8Array.from([
    0xff, 0xe1, 0x00, 0x22, // APP1, 34 bytes
    0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // "Exif\0\0"
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF, IFD0 at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // Orientation, SHORT, 1
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
}

/**
 * The JFIF header without its optional thumbnail: a thumbnail is a second picture, and editors have
 * been known to leave the uncropped original there.
 */
function jfifWithoutThumbnail(b: Uint8Array, s: JpegSegment) {
  if (s.end - s.payload <= 14) return b.subarray(s.start, s.end);
  const out = new Uint8Array(18);
  out.set([0xff, 0xe0, 0x00, 0x10]);
  out.set(b.subarray(s.payload, s.payload + 12), 4);
  return out; // thumbnail width and height stay 0
}

// ---- GIF ----

function parseGif(b: Uint8Array): Parsed | null {
  const version = ascii(b, 0, 6);
  if ((version !== "GIF87a" && version !== "GIF89a") || b.length < 13) return null;
  let width = le16(b, 6);
  let height = le16(b, 8);
  const flags = b[10];
  let i = 13 + (flags & 0x80 ? 3 << ((flags & 7) + 1) : 0);
  const keep: [number, number][] = [[0, i]];
  let frames = 0;
  let framePixels = 0;

  const skipSubBlocks = (j: number) => {
    for (;;) {
      if (j >= b.length) return -1;
      const n = b[j];
      j += 1 + n;
      if (n === 0) return j;
    }
  };

  for (;;) {
    if (i >= b.length) return null;
    const introducer = b[i];
    if (introducer === 0x3b) {
      keep.push([i, i + 1]);
      break;
    }
    if (introducer === 0x2c) {
      if (i + 10 > b.length) return null;
      const [x, y, w, h, f] = [le16(b, i + 1), le16(b, i + 3), le16(b, i + 5), le16(b, i + 7), b[i + 9]];
      // Browsers grow the canvas to fit a frame that lies outside the logical screen.
      width = Math.max(width, x + w);
      height = Math.max(height, y + h);
      frames++;
      framePixels += w * h;
      const lzwStart = i + 10 + (f & 0x80 ? 3 << ((f & 7) + 1) : 0);
      const end = skipSubBlocks(lzwStart + 1);
      if (end < 0) return null;
      keep.push([i, end]);
      i = end;
    } else if (introducer === 0x21) {
      if (i + 2 > b.length) return null;
      const label = b[i + 1];
      const end = skipSubBlocks(i + 2);
      if (end < 0) return null;
      // Graphic control (timing, transparency) and plain text (drawn as part of the picture) stay;
      // comments go, and of the application extensions only the loop count (NETSCAPE2.0 and its
      // twin ANIMEXTS1.0): XMP and others are metadata.
      const application = label === 0xff && b[i + 2] === 11 ? ascii(b, i + 3, 11) : "";
      if (label === 0xf9 || label === 0x01 || application === "NETSCAPE2.0" || application === "ANIMEXTS1.0") keep.push([i, end]);
      i = end;
    } else {
      return null;
    }
  }
  if (frames === 0 || width === 0 || height === 0) return null;
  return { size: { width, height, frames, framePixels }, strip: () => join(b, keep) };
}

// ---- WebP ----

/** Chunks a viewer needs; EXIF, XMP and unknown chunks (which readers must ignore) are dropped. */
const webpKeep = new Set(["VP8X", "ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L"]);
const vp8xExifFlag = 0x08;
const vp8xXmpFlag = 0x04;

type RiffChunk = { fourcc: string; start: number; data: number; size: number; end: number };

/** The chunks in [from, to): each with its 8-byte header, padded to an even length. */
function riffChunks(b: Uint8Array, from: number, to: number): RiffChunk[] | null {
  const chunks: RiffChunk[] = [];
  let i = from;
  while (i < to) {
    if (i + 8 > to) return null;
    const size = le32(b, i + 4);
    const end = i + 8 + size + (size & 1);
    if (end > to) return null;
    chunks.push({ fourcc: ascii(b, i, 4), start: i, data: i + 8, size, end });
    i = end;
  }
  return chunks;
}

/** The size of a VP8 (lossy) or VP8L (lossless) bitstream, from its frame header. */
function bitstreamSize(b: Uint8Array, c: RiffChunk): { width: number; height: number } | null {
  const d = c.data;
  if (c.fourcc === "VP8 ") {
    // A key frame (bit 0 clear), then the start code 9D 01 2A, then 14-bit width and height.
    if (c.size < 10 || (b[d] & 1) !== 0 || b[d + 3] !== 0x9d || b[d + 4] !== 0x01 || b[d + 5] !== 0x2a) return null;
    return { width: le16(b, d + 6) & 0x3fff, height: le16(b, d + 8) & 0x3fff };
  }
  if (c.fourcc === "VP8L") {
    if (c.size < 5 || b[d] !== 0x2f) return null;
    const bits = le32(b, d + 1);
    if (bits >>> 29 !== 0) return null; // version must be 0
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  return null;
}

function parseWebp(b: Uint8Array): Parsed | null {
  if (b.length < 12 || ascii(b, 0, 4) !== "RIFF" || ascii(b, 8, 4) !== "WEBP") return null;
  const riffEnd = 8 + le32(b, 4);
  if (riffEnd > b.length || riffEnd < 20) return null;
  // Bytes past the RIFF's own length are not part of the picture and are dropped.
  const chunks = riffChunks(b, 12, riffEnd);
  if (!chunks || chunks.length === 0) return null;
  const first = chunks[0];
  let size: ImageSize;
  if (first.fourcc === "VP8X") {
    if (first.size < 10) return null;
    let width = le24(b, first.data + 4) + 1;
    let height = le24(b, first.data + 7) + 1;
    let frames = 0;
    let framePixels = 0;
    let stillImage = false;
    for (const c of chunks.slice(1)) {
      if (c.fourcc === "ANMF") {
        if (c.size < 16) return null;
        const [x, y, w, h] = [le24(b, c.data) * 2, le24(b, c.data + 3) * 2, le24(b, c.data + 6) + 1, le24(b, c.data + 9) + 1];
        if (x + w > width || y + h > height) return null;
        const inner = riffChunks(b, c.data + 16, c.data + c.size);
        const bitstream = inner?.find((s) => s.fourcc === "VP8 " || s.fourcc === "VP8L");
        const coded = bitstream && bitstreamSize(b, bitstream);
        if (!coded) return null;
        // A decoder sizes its buffer from the bitstream as well as from the frame header.
        frames++;
        framePixels += Math.max(w, coded.width) * Math.max(h, coded.height);
        width = Math.max(width, x + coded.width);
        height = Math.max(height, y + coded.height);
      } else if (c.fourcc === "VP8 " || c.fourcc === "VP8L") {
        const coded = bitstreamSize(b, c);
        if (!coded) return null;
        stillImage = true;
        width = Math.max(width, coded.width);
        height = Math.max(height, coded.height);
      }
    }
    if (!stillImage && frames === 0) return null;
    size = frames > 0 ? { width, height, frames, framePixels } : still(width, height);
  } else {
    const coded = bitstreamSize(b, first);
    if (!coded || coded.width === 0 || coded.height === 0) return null;
    size = still(coded.width, coded.height);
  }
  return { size, strip: () => stripWebp(b, chunks) };
}

function stripWebp(b: Uint8Array, chunks: RiffChunk[]) {
  const out = join(b, [[0, 12], ...chunks.filter((c) => webpKeep.has(c.fourcc)).map((c): [number, number] => [c.start, c.end])]);
  const riffSize = out.length - 8;
  out.set([riffSize & 0xff, (riffSize >>> 8) & 0xff, (riffSize >>> 16) & 0xff, (riffSize >>> 24) & 0xff], 4);
  // The extended header announces EXIF and XMP chunks; it must not promise ones that are gone.
  if (chunks[0].fourcc === "VP8X") out[12 + 8] &= ~(vp8xExifFlag | vp8xXmpFlag);
  return out;
}

/**
 * Small but real images built byte by byte for the upload tests, with the metadata a phone or an
 * editor would add: an Exif GPS position, XMP, comments. Only tests import this file.
 */
import { deflateSync } from "node:zlib";

const encoder = new TextEncoder();
export const bytesOf = (...parts: (Uint8Array | number[] | string)[]) => {
  const arrays = parts.map((p) => (typeof p === "string" ? encoder.encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
};

const be16 = (n: number) => [(n >>> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const le16 = (n: number) => [n & 0xff, (n >>> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
const le24 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];

/** Whether `needle` occurs anywhere in `haystack`. */
export function contains(haystack: Uint8Array, needle: Uint8Array | string) {
  return Buffer.from(haystack).indexOf(typeof needle === "string" ? Buffer.from(needle, "latin1") : Buffer.from(needle)) >= 0;
}

// ---- The GPS position a phone writes into Exif (Rådhuspladsen, 55°40'33.1"N 12°34'7.9"E) ----

/** The GPS IFD's latitude rationals as they appear in the file: what must not survive. */
export const gpsLatitudeBytes = bytesOf(le32(55), le32(1), le32(40), le32(1), le32(3310), le32(100));

/**
 * An APP1 Exif payload (little-endian TIFF) whose IFD0 points to a GPS IFD with a position, and
 * holds the orientation a phone sets for a photo taken upright (6: turn 90° clockwise), if given.
 */
export function exifWithGps(orientation?: number) {
  const entry = (tag: number, type: number, count: number, value: number[]) => [...le16(tag), ...le16(type), ...le32(count), ...value];
  const ifd0 = orientation ? [entry(0x0112, 3, 1, [...le16(orientation), 0, 0])] : [];
  // Layout: TIFF header (8), IFD0, then the GPS IFD with 4 entries (2 + 48 + 4 = 54 bytes), then
  // latitude and longitude (24 bytes each).
  const gps = 8 + 2 + 12 * (ifd0.length + 1) + 4;
  const tiff = bytesOf(
    "II", le16(42), le32(8),
    le16(ifd0.length + 1), ...ifd0, entry(0x8825, 4, 1, le32(gps)), le32(0),
    le16(4),
    entry(1, 2, 2, [0x4e, 0, 0, 0]), // GPSLatitudeRef "N"
    entry(2, 5, 3, le32(gps + 54)), // GPSLatitude
    entry(3, 2, 2, [0x45, 0, 0, 0]), // GPSLongitudeRef "E"
    entry(4, 5, 3, le32(gps + 78)), // GPSLongitude
    le32(0),
    gpsLatitudeBytes,
    le32(12), le32(1), le32(34), le32(1), le32(790), le32(100),
  );
  return bytesOf("Exif\0\0", tiff);
}

export const xmpPacket = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="55,40.55N"/></rdf:RDF></x:xmpmeta>';

// ---- PNG ----

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Uint8Array | string = new Uint8Array()) {
  const body = bytesOf(type, typeof data === "string" ? encoder.encode(data) : data);
  return bytesOf(be32(body.length - 4), body, be32(crc32(body)));
}

export const pngSignature = bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngHeader(width: number, height: number) {
  // 8-bit RGB, deflate, no filter method, not interlaced.
  return pngChunk("IHDR", bytesOf(be32(width), be32(height), [8, 2, 0, 0, 0]));
}

/** The raw scanlines of a small RGB gradient, each behind filter byte 0. */
export function pngScanlines(width: number, height: number) {
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push((x * 40) & 0xff, (y * 60) & 0xff, 0x80);
  }
  return Uint8Array.from(rows);
}

/** A real PNG; `extra` chunks are placed after IHDR ("head") and before IEND ("tail"). */
export function png(width: number, height: number, extra: { head?: Uint8Array[]; tail?: Uint8Array[] } = {}) {
  return bytesOf(
    pngSignature,
    pngHeader(width, height),
    ...(extra.head ?? []),
    pngChunk("IDAT", new Uint8Array(deflateSync(pngScanlines(width, height)))),
    ...(extra.tail ?? []),
    pngChunk("IEND"),
  );
}

// ---- JPEG ----

const segment = (marker: number, payload: Uint8Array) => bytesOf([0xff, marker], be16(payload.length + 2), payload);

/**
 * The parts of a minimal baseline JPEG: an 8 × 8 grey square (one block, DC 0, end of block),
 * with flat quantisation and one-code Huffman tables.
 */
export function jpegCore(width = 8, height = 8) {
  const huffman = (tableClass: number) => bytesOf([tableClass], [1, ...new Array(15).fill(0)], [0]);
  return {
    tables: bytesOf(
      segment(0xdb, bytesOf([0], new Array(64).fill(1))),
      segment(0xc0, bytesOf([8], be16(height), be16(width), [1, 1, 0x11, 0])),
      segment(0xc4, huffman(0x00)),
      segment(0xc4, huffman(0x10)),
    ),
    // Start of scan, then the entropy-coded data: the picture itself.
    scan: bytesOf(segment(0xda, bytesOf([1, 1, 0x00, 0, 63, 0])), [0x3f]),
  };
}

export const jfif = segment(0xe0, bytesOf("JFIF\0", [1, 1, 0], be16(72), be16(72), [0, 0]));
export const iccProfile = segment(0xe2, bytesOf("ICC_PROFILE\0", [1, 1], "not a real profile, only kept"));
export const adobe = segment(0xee, bytesOf("Adobe", [0, 100, 0, 0, 0, 0, 1]));

/** A JPEG straight from a phone: JFIF, Exif with GPS, XMP, IPTC, a comment, colour profile, Adobe. */
export function jpegWithMetadata(width = 8, height = 8, orientation?: number) {
  const core = jpegCore(width, height);
  return bytesOf(
    [0xff, 0xd8],
    jfif,
    segment(0xe1, exifWithGps(orientation)),
    segment(0xe1, bytesOf("http://ns.adobe.com/xap/1.0/\0", xmpPacket)),
    iccProfile,
    segment(0xed, bytesOf("Photoshop 3.0\0", "8BIM", [4, 4], "IPTC: Fotograf Karen, Strandvejen 12")),
    adobe,
    segment(0xfe, bytesOf("Taget i haven bag Strandvejen 12")),
    core.tables,
    core.scan,
    [0xff, 0xd9],
  );
}

/** What the same JPEG must be without its metadata: nothing of the picture changed. */
export function jpegWithoutMetadata(width = 8, height = 8) {
  const core = jpegCore(width, height);
  return bytesOf([0xff, 0xd8], jfif, iccProfile, adobe, core.tables, core.scan, [0xff, 0xd9]);
}

// ---- GIF ----

/** A 1 × 1 GIF89a: logical screen, two-colour table, graphic control, one image, trailer. */
export function gif(extra: { beforeImage?: Uint8Array[]; logical?: [number, number]; frame?: [number, number] } = {}) {
  const [lw, lh] = extra.logical ?? [1, 1];
  const [fw, fh] = extra.frame ?? [1, 1];
  return bytesOf(
    "GIF89a", le16(lw), le16(lh), [0x80, 0, 0],
    [0xff, 0xff, 0xff, 0, 0, 0],
    ...(extra.beforeImage ?? []),
    [0x21, 0xf9, 4, 0, 0, 0, 0, 0],
    [0x2c], le16(0), le16(0), le16(fw), le16(fh), [0],
    [2, 2, 0x44, 0x01, 0],
    [0x3b],
  );
}

export const gifComment = bytesOf([0x21, 0xfe, 11], "Strandvej 1", [0]);
export const gifLoop = bytesOf([0x21, 0xff, 11], "NETSCAPE2.0", [3, 1, 0, 0, 0]);
export const gifXmp = bytesOf([0x21, 0xff, 11], "XMP DataXMP", [xmpPacket.length], xmpPacket, [0]);

// ---- WebP ----

/** A 1 × 1 lossy VP8 bitstream (key frame) as it sits inside a "VP8 " chunk. */
export const vp8Bitstream = bytesOf([0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 0x01, 0x00, 0x01, 0x00, 0x0e, 0xc0, 0xfe, 0x25, 0xa4, 0x00, 0x03, 0x70, 0x00, 0x00, 0x00, 0x00]);

export function riffChunk(fourcc: string, data: Uint8Array | string) {
  const body = typeof data === "string" ? encoder.encode(data) : data;
  return bytesOf(fourcc, le32(body.length), body, body.length % 2 ? [0] : []);
}

export function webp(chunks: Uint8Array[]) {
  const body = bytesOf("WEBP", ...chunks);
  return bytesOf("RIFF", le32(body.length), body);
}

export function vp8x(flags: number, width: number, height: number) {
  return riffChunk("VP8X", bytesOf([flags, 0, 0, 0], le24(width - 1), le24(height - 1)));
}

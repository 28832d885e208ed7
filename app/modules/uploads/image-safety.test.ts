import { inflateSync } from "node:zlib";
import {
  imageDimensions,
  maxImagePixels,
  refusalFor,
  safeImage,
  stripImageMetadata,
} from "./image-safety.ts";
import {
  bytesOf,
  contains,
  exifWithGps,
  gif,
  gifComment,
  gifLoop,
  gifXmp,
  gpsLatitudeBytes,
  jfif,
  jpegCore,
  jpegWithMetadata,
  jpegWithoutMetadata,
  png,
  pngChunk,
  pngHeader,
  pngScanlines,
  pngSignature,
  riffChunk,
  vp8Bitstream,
  vp8x,
  webp,
  xmpPacket,
} from "./test-images.ts";

/** A lossless 1 × 1 VP8L bitstream (as browsers' WebP feature tests use). */
const vp8lBitstream = bytesOf([0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe, 0x07, 0x00]);

const pngExif = pngChunk("eXIf", exifWithGps().subarray(6));
const pngMetadata = [
  pngExif,
  pngChunk("tEXt", "Author\0Karen Strandgaard"),
  pngChunk("zTXt", bytesOf("Comment\0", [0], [0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
  pngChunk("iTXt", bytesOf("XML:com.adobe.xmp\0", [0, 0], "\0\0", xmpPacket)),
  pngChunk("tIME", bytesOf([0x07, 0xea, 5, 17, 9, 30, 0])),
  pngChunk("prVt", "a private chunk from some editor"),
];
const pngColour = [pngChunk("sRGB", bytesOf([0])), pngChunk("pHYs", bytesOf([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]))];

/** The IDAT payloads of a PNG, decompressed: the picture's rows. */
function pngRows(bytes: Uint8Array) {
  const idat: Uint8Array[] = [];
  for (let i = 8; i < bytes.length; ) {
    const length = Buffer.from(bytes.subarray(i, i + 4)).readUInt32BE();
    if (Buffer.from(bytes.subarray(i + 4, i + 8)).toString("latin1") === "IDAT") idat.push(bytes.subarray(i + 8, i + 8 + length));
    i += 12 + length;
  }
  return new Uint8Array(inflateSync(bytesOf(...idat)));
}

describe("the size of an image, read from its header", () => {
  it("reads PNG, JPEG, GIF and WebP sizes without decoding", () => {
    expect(imageDimensions(png(3, 2), "image/png")).toMatchObject({ width: 3, height: 2, frames: 1 });
    expect(imageDimensions(jpegWithMetadata(640, 480), "image/jpeg")).toMatchObject({ width: 640, height: 480 });
    expect(imageDimensions(gif({ logical: [120, 90], frame: [120, 90] }), "image/gif")).toMatchObject({ width: 120, height: 90, frames: 1 });
    expect(imageDimensions(webp([riffChunk("VP8 ", vp8Bitstream)]), "image/webp")).toMatchObject({ width: 1, height: 1 });
    expect(imageDimensions(webp([riffChunk("VP8L", vp8lBitstream)]), "image/webp")).toMatchObject({ width: 1, height: 1 });
    expect(imageDimensions(webp([vp8x(0, 1, 1), riffChunk("VP8 ", vp8Bitstream)]), "image/webp")).toMatchObject({ width: 1, height: 1 });
  });

  it("walks JPEG segments: a size-like byte pattern inside the Exif block is not taken for the frame size", () => {
    const core = jpegCore(32, 24);
    const decoy = bytesOf([0xff, 0xe1, 0x00, 0x0d], "Exif\0\0", [0xff, 0xc0, 0x00, 0x11, 0x08]);
    const progressive = bytesOf(core.tables);
    progressive[progressive.indexOf(0xc0, 60)] = 0xc2; // SOF2 instead of SOF0
    expect(imageDimensions(bytesOf([0xff, 0xd8], decoy, core.tables, core.scan, [0xff, 0xd9]), "image/jpeg")).toMatchObject({ width: 32, height: 24 });
    expect(imageDimensions(bytesOf([0xff, 0xd8], jfif, progressive, core.scan, [0xff, 0xd9]), "image/jpeg")).toMatchObject({ width: 32, height: 24 });
  });

  it("a GIF frame outside the logical screen counts: browsers grow the canvas to fit it", () => {
    expect(imageDimensions(gif({ logical: [1, 1], frame: [30_000, 30_000] }), "image/gif")).toMatchObject({ width: 30_000, height: 30_000 });
  });

  it("truncated or malformed files have no size", () => {
    const whole = { png: png(3, 2), jpeg: jpegWithMetadata(), gif: gif(), webp: webp([riffChunk("VP8 ", vp8Bitstream)]) };
    for (const [type, bytes] of Object.entries(whole)) {
      const mime = `image/${type}`;
      expect(imageDimensions(bytes, mime), type).not.toBeNull();
      for (const cut of [1, 5, 12, 30, bytes.length - 1]) {
        if (cut < bytes.length) expect(imageDimensions(bytes.subarray(0, cut), mime), `${type} cut at ${cut}`).toBeNull();
      }
    }
    expect(imageDimensions(png(3, 2), "image/jpeg")).toBeNull();
    expect(imageDimensions(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"), "image/png")).toBeNull();
    expect(imageDimensions(bytesOf(pngSignature, pngHeader(0, 5), pngChunk("IEND")), "image/png")).toBeNull();
  });
});

describe("pixel bombs are refused before anything decodes them", () => {
  it("a 100,000 × 100,000 PNG of a hundred bytes is refused from its header alone", () => {
    const bomb = bytesOf(pngSignature, pngHeader(100_000, 100_000), pngChunk("IDAT", bytesOf([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), pngChunk("IEND"));
    expect(bomb.length).toBeLessThan(100);
    const started = performance.now();
    expect(safeImage(bomb, "image/png")).toEqual({ ok: false, reason: "tooManyPixels" });
    // 40 GB of pixels were never allocated: the answer comes at once.
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("limits the area and each side, in every format", () => {
    expect(refusalFor({ width: 8160, height: 6120, frames: 1, framePixels: 8160 * 6120 })).toBeNull(); // a 50 MP phone camera
    expect(refusalFor({ width: 10_000, height: 5_001, frames: 1, framePixels: 50_010_000 })).toBe("tooManyPixels");
    expect(refusalFor({ width: 20_001, height: 10, frames: 1, framePixels: 200_010 })).toBe("tooManyPixels");
    expect(10_000 * 5_001).toBeGreaterThan(maxImagePixels);
    expect(safeImage(jpegWithMetadata(65_000, 65_000), "image/jpeg")).toEqual({ ok: false, reason: "tooManyPixels" });
    expect(safeImage(gif({ logical: [1, 1], frame: [30_000, 30_000] }), "image/gif")).toEqual({ ok: false, reason: "tooManyPixels" });
    expect(safeImage(webp([vp8x(0, 16_384, 16_384), riffChunk("VP8 ", vp8Bitstream)]), "image/webp")).toEqual({ ok: false, reason: "tooManyPixels" });
    expect(safeImage(png(3, 2), "image/png").ok).toBe(true);
  });

  it("an animated GIF with thousands of frames is refused", () => {
    const frame = bytesOf([0x21, 0xf9, 4, 0, 1, 0, 0, 0], [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0], [2, 2, 0x44, 0x01, 0]);
    const many = (n: number) => {
      const one = gif({ beforeImage: [gifLoop] });
      return bytesOf(one.subarray(0, one.length - 1), ...new Array(n).fill(frame), [0x3b]);
    };
    expect(safeImage(many(999), "image/gif").ok).toBe(true);
    expect(safeImage(many(1000), "image/gif")).toEqual({ ok: false, reason: "tooManyFrames" });
  });

  it("a file whose size cannot be read is refused as unreadable", () => {
    expect(safeImage(png(3, 2).subarray(0, 40), "image/png")).toEqual({ ok: false, reason: "unreadable" });
    expect(safeImage(jpegWithMetadata().subarray(0, 300), "image/jpeg")).toEqual({ ok: false, reason: "unreadable" });
  });
});

describe("metadata is removed and the picture is left exactly as it was", () => {
  it("JPEG: the GPS position, XMP, IPTC and comments go; JFIF, colour profile and Adobe stay", () => {
    const original = jpegWithMetadata();
    expect(contains(original, gpsLatitudeBytes)).toBe(true);
    const stripped = stripImageMetadata(original, "image/jpeg")!;
    expect(stripped).toEqual(jpegWithoutMetadata());
    for (const trace of [gpsLatitudeBytes, "Exif", "GPSLatitude", "IPTC", "Strandvejen"]) expect(contains(stripped, trace)).toBe(false);
    // The entropy-coded scan is the picture; it is there byte for byte.
    expect(contains(stripped, jpegCore().scan)).toBe(true);
  });

  it("JPEG: a phone photo keeps its orientation, so it is not shown on its side; nothing else of Exif stays", () => {
    const stripped = stripImageMetadata(jpegWithMetadata(8, 8, 6), "image/jpeg")!;
    const onlyOrientation = bytesOf([0xff, 0xe1, 0x00, 0x22], "Exif\0\0", "MM", [0, 42, 0, 0, 0, 8, 0, 1], [0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0], [0, 0, 0, 0]);
    const [soi, rest] = [jpegWithoutMetadata().subarray(0, 2 + jfif.length), jpegWithoutMetadata().subarray(2 + jfif.length)];
    expect(stripped).toEqual(bytesOf(soi, onlyOrientation, rest));
    expect(contains(stripped, gpsLatitudeBytes)).toBe(false);
    // Upright (1) needs no tag at all.
    expect(stripImageMetadata(jpegWithMetadata(8, 8, 1), "image/jpeg")).toEqual(jpegWithoutMetadata());
  });

  it("JPEG: a JFIF thumbnail and anything after the end of the image go too", () => {
    const core = jpegCore();
    const thumbnail = bytesOf([0xff, 0xe0, 0x00, 0x13], "JFIF\0", [1, 1, 0, 0, 72, 0, 72, 1, 1], [0xaa, 0xbb, 0xcc]);
    const withExtras = bytesOf([0xff, 0xd8], thumbnail, core.tables, core.scan, [0xff, 0xd9], "ftypmp42 a motion photo's video");
    expect(stripImageMetadata(withExtras, "image/jpeg")).toEqual(
      bytesOf([0xff, 0xd8], [0xff, 0xe0, 0x00, 0x10], "JFIF\0", [1, 1, 0, 0, 72, 0, 72, 0, 0], core.tables, core.scan, [0xff, 0xd9]),
    );
  });

  it("PNG: eXIf, text, time and private chunks go; colour chunks and every CRC stay intact", () => {
    const original = png(4, 3, { head: [...pngColour, ...pngMetadata.slice(0, 3)], tail: pngMetadata.slice(3) });
    const stripped = stripImageMetadata(original, "image/png")!;
    expect(stripped).toEqual(png(4, 3, { head: pngColour }));
    expect(contains(stripped, gpsLatitudeBytes)).toBe(false);
    expect(pngRows(stripped)).toEqual(pngScanlines(4, 3));
  });

  it("GIF: comments and XMP go; the loop count stays", () => {
    const stripped = stripImageMetadata(gif({ beforeImage: [gifComment, gifLoop, gifXmp] }), "image/gif")!;
    expect(stripped).toEqual(gif({ beforeImage: [gifLoop] }));
  });

  it("WebP: EXIF and XMP chunks go, their flags are cleared and the RIFF size fits", () => {
    const icc = riffChunk("ICCP", "not a real profile");
    const original = webp([vp8x(0x20 | 0x08 | 0x04, 1, 1), icc, riffChunk("VP8 ", vp8Bitstream), riffChunk("EXIF", exifWithGps()), riffChunk("XMP ", xmpPacket)]);
    const stripped = stripImageMetadata(original, "image/webp")!;
    expect(stripped).toEqual(webp([vp8x(0x20, 1, 1), icc, riffChunk("VP8 ", vp8Bitstream)]));
    expect(Buffer.from(stripped).readUInt32LE(4)).toBe(stripped.length - 8);
    expect(contains(stripped, gpsLatitudeBytes)).toBe(false);
  });

  it("a file without metadata comes back unchanged", () => {
    for (const [bytes, mime] of [[png(2, 2), "image/png"], [jpegWithoutMetadata(), "image/jpeg"], [gif(), "image/gif"], [webp([riffChunk("VP8L", vp8lBitstream)]), "image/webp"]] as const) {
      expect(stripImageMetadata(bytes, mime)).toEqual(bytes);
    }
  });
});

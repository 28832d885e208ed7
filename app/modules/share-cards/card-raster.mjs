// Element tree → SVG (satori) → pixels (resvg) → PNG. Plain JavaScript, because the same file runs
// in two places: imported by the app (in-thread rendering, and the fonts for measuring text), and
// started on its own as a worker thread by card-pool.server.ts, where no TypeScript loader or app
// bundle is available.
//
// The whole pipeline is CPU-bound and mostly synchronous (satori's layout and text shaping, resvg's
// rasterising): tens of milliseconds that would otherwise stall every other request and socket.
import fs from "node:fs";
import zlib from "node:zlib";
import { createRequire } from "node:module";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import satori from "satori";
import { Resvg } from "@resvg/resvg-js";

const require = createRequire(import.meta.url);

/** The families and weights the cards use; the layout refers to them by `name`. */
export const fontFaces = [
  // Bricolage Grotesque ExtraBold: a chunky display face with character, for headlines.
  { name: "Bricolage Grotesque", pkg: "@fontsource/bricolage-grotesque", file: "bricolage-grotesque", weight: 800 },
  // Inter: drawn for screens, legible small, for everything else.
  { name: "Inter", pkg: "@fontsource/inter", file: "inter", weight: 600 },
  { name: "Inter", pkg: "@fontsource/inter", file: "inter", weight: 800 },
];

/**
 * Every face as its subset files, read once from node_modules. latin holds æ, ø and å (Latin-1);
 * latin-ext covers names such as "Łukasz" or "Ödön". Satori reads WOFF but not WOFF2.
 */
export const fontFiles = fontFaces.map((face) => ({
  ...face,
  files: ["latin", "latin-ext"].map((subset) =>
    fs.readFileSync(require.resolve(`${face.pkg}/files/${face.file}-${subset}-${face.weight}-normal.woff`)),
  ),
}));

// One array for the life of the process: satori caches parsed fonts per array.
const fonts = fontFiles.flatMap((face) =>
  face.files.map((data) => ({ name: face.name, data, weight: face.weight, style: "normal" })),
);

const pngSignature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(type)) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Opaque RGBA pixels → PNG. resvg's own encoder spends ~60 ms on a story card; zlib at level 1
 * with no row filter does it in ~15 ms, and the cards (flat colour and text) stay ~150 kB. Higher
 * levels save a tenth of the bytes for half as much time again: not worth it for a file that is
 * drawn once and then served from the cache.
 * The pixels are premultiplied, which equals straight alpha because every card is fully opaque.
 */
export function encodePng(pixels, width, height) {
  const stride = width * 4;
  const raw = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    raw[row] = 0; // filter: none
    pixels.copy(raw, row + 1, y * stride, (y + 1) * stride);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    pngSignature,
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", zlib.deflateSync(raw, { level: 1 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The element tree (plain objects shaped like React elements) as a PNG of width × height. */
export async function rasterize(element, width, height) {
  const svg = await satori(element, { width, height, fonts });
  // Text arrives as paths, so resvg needs no fonts of its own and never scans the system's.
  const image = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
  return encodePng(image.pixels, image.width, image.height);
}

/** A bare render of the same size and pipeline with nothing on it: the benchmark's baseline. */
export async function rasterizeBlank(width, height, color) {
  return rasterize({ type: "div", key: null, props: { style: { display: "flex", width, height, backgroundColor: color } } }, width, height);
}

// Started as a worker: render each job as it comes and send the PNG back without copying it.
if (!isMainThread && workerData?.role === "share-card-raster") {
  parentPort.on("message", async ({ id, element, width, height }) => {
    try {
      const png = await rasterize(element, width, height);
      const whole = png.byteOffset === 0 && png.byteLength === png.buffer.byteLength;
      const bytes = whole ? png.buffer : png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength);
      parentPort.postMessage({ id, png: bytes }, [bytes]);
    } catch (error) {
      parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

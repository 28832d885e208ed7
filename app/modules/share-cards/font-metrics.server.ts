/**
 * Advance widths read from a WOFF font, so a card can choose the largest headline size that still
 * fits its lines before satori lays it out. Satori gives no way to measure text, and guessing from
 * the character count makes long Danish words ("Strandvejsprojektet") spill out of the box.
 *
 * Only what measuring needs is parsed: head (units per em), hhea + hmtx (advances) and a cmap
 * subtable of format 4 (the Basic Multilingual Plane). Kerning is ignored; it only ever tightens
 * text, so the estimate errs on the side of fitting.
 */
import zlib from "node:zlib";

export type FontMetrics = {
  /** Width of `text` in pixels at `size`, plus `letterSpacing` (px) after every character. */
  measure(text: string, size: number, letterSpacing?: number): number;
  /** Whether every character of `text` has a glyph in one of the files. */
  covers(text: string): boolean;
};

type Table = { offset: number; length: number; compLength: number };

function tables(woff: Buffer): Map<string, Buffer> {
  if (woff.toString("latin1", 0, 4) !== "wOFF") throw new Error("Not a WOFF font (satori cannot read WOFF2)");
  const count = woff.readUInt16BE(12);
  const wanted = new Set(["head", "hhea", "hmtx", "cmap"]);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const at = 44 + i * 20;
    const tag = woff.toString("latin1", at, at + 4);
    if (!wanted.has(tag)) continue;
    const t: Table = { offset: woff.readUInt32BE(at + 4), compLength: woff.readUInt32BE(at + 8), length: woff.readUInt32BE(at + 12) };
    const raw = woff.subarray(t.offset, t.offset + t.compLength);
    out.set(tag, t.compLength < t.length ? zlib.inflateSync(raw) : raw);
  }
  for (const tag of wanted) if (!out.has(tag)) throw new Error(`WOFF font has no ${tag} table`);
  return out;
}

/** code point → glyph id, from the first Unicode BMP subtable of format 4. */
function readCmap(cmap: Buffer): (codePoint: number) => number {
  const count = cmap.readUInt16BE(2);
  for (let i = 0; i < count; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const offset = cmap.readUInt32BE(8 + i * 8);
    const unicode = (platform === 3 && encoding === 1) || platform === 0;
    if (!unicode || cmap.readUInt16BE(offset) !== 4) continue;
    const segCount = cmap.readUInt16BE(offset + 6) / 2;
    const ends = offset + 14;
    const starts = ends + segCount * 2 + 2;
    const deltas = starts + segCount * 2;
    const rangeOffsets = deltas + segCount * 2;
    return (cp) => {
      if (cp > 0xffff) return 0;
      for (let s = 0; s < segCount; s++) {
        if (cp > cmap.readUInt16BE(ends + s * 2)) continue;
        const start = cmap.readUInt16BE(starts + s * 2);
        if (cp < start) return 0;
        const delta = cmap.readInt16BE(deltas + s * 2);
        const rangeOffset = cmap.readUInt16BE(rangeOffsets + s * 2);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        const glyph = cmap.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (cp - start) * 2);
        return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
      }
      return 0;
    };
  }
  throw new Error("WOFF font has no Unicode cmap of format 4");
}

/**
 * Metrics of a family made of several subset files (fontsource splits latin and latin-ext):
 * a character is measured with the first file that has it, as satori picks the font.
 */
export function fontMetrics(files: Buffer[]): FontMetrics {
  const faces = files.map((file) => {
    const t = tables(file);
    const unitsPerEm = t.get("head")!.readUInt16BE(18);
    const hmetrics = t.get("hhea")!.readUInt16BE(34);
    const hmtx = t.get("hmtx")!;
    const glyphOf = readCmap(t.get("cmap")!);
    const advance = (glyph: number) => hmtx.readUInt16BE(Math.min(glyph, hmetrics - 1) * 4) / unitsPerEm;
    return { glyphOf, advance };
  });
  const cache = new Map<number, number>();
  const em = (cp: number) => {
    let width = cache.get(cp);
    if (width === undefined) {
      const face = faces.find((f) => f.glyphOf(cp) !== 0);
      // A character no file has is drawn by a fallback; assume a wide one.
      width = face ? face.advance(face.glyphOf(cp)) : 0.7;
      cache.set(cp, width);
    }
    return width;
  };
  return {
    measure(text, size, letterSpacing = 0) {
      let width = 0;
      for (const ch of text) width += em(ch.codePointAt(0)!) * size + letterSpacing;
      return width;
    },
    covers(text) {
      return [...text].every((ch) => faces.some((f) => f.glyphOf(ch.codePointAt(0)!) !== 0));
    },
  };
}

/**
 * How many lines `text` takes when wrapped at spaces and hyphens into `width` pixels; a word longer
 * than a line is broken, as satori does with `wordBreak: break-word`.
 */
export function countLines(metrics: FontMetrics, text: string, size: number, width: number, letterSpacing = 0): number {
  const words = text.split(/(?<=[\s-])/);
  let lines = 1;
  let current = 0;
  for (const raw of words) {
    const word = raw.replace(/\s+$/, "");
    const wordWidth = metrics.measure(word, size, letterSpacing);
    const spaceWidth = raw.length > word.length ? metrics.measure(" ", size, letterSpacing) : 0;
    if (current > 0 && current + wordWidth > width) {
      lines++;
      current = 0;
    }
    if (wordWidth > width) {
      // Broken across lines: count the full lines it fills and carry the rest.
      lines += Math.floor(wordWidth / width);
      current = wordWidth % width;
    } else {
      current += wordWidth;
    }
    current += spaceWidth;
  }
  return lines;
}

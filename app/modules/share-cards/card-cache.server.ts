/**
 * Rendered cards, cached by what they show. The key is a hash of the whole CardInput (and the
 * design version), so an edited title, a moved deadline, new colours or another language give a
 * new key and a fresh render, with nothing to invalidate by hand.
 *
 * Three layers: a small in-memory LRU for the cards being shared right now, PNG files under
 * <dataDir>/cards/ that survive a restart, and a map of renders in flight, so a burst of requests
 * for a card nobody has asked for yet (a story just posted) renders it once.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getEnv } from "~/utils/env.server.ts";
import { cardDesignVersion, renderCard, type CardInput } from "./card-render.server.ts";

const maxEntries = 200;
/** Story cards are ~150 kB; the byte cap keeps memory bounded whatever their size. */
const maxBytes = 48 * 1024 * 1024;

const memory = new Map<string, Buffer>();
let memoryBytes = 0;
const inFlight = new Map<string, Promise<Buffer>>();
const stats = { memoryHits: 0, diskHits: 0, renders: 0, joined: 0 };

/** JSON with object keys sorted, so the key does not depend on property order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The cache key (and ETag) of a card: 32 URL-safe characters. */
export function cardKey(input: CardInput): string {
  return crypto
    .createHash("sha256")
    .update(`v${cardDesignVersion}\n${stableJson(input)}`)
    .digest("base64url")
    .slice(0, 32);
}

function cacheDir() {
  return path.join(getEnv().dataDir, "cards");
}

function remember(key: string, png: Buffer) {
  const old = memory.get(key);
  if (old) {
    memory.delete(key);
    memoryBytes -= old.length;
  }
  memory.set(key, png);
  memoryBytes += png.length;
  // Map keeps insertion order: the first entry is the least recently used.
  for (const [oldest, buf] of memory) {
    if (memory.size <= maxEntries && memoryBytes <= maxBytes) break;
    memory.delete(oldest);
    memoryBytes -= buf.length;
  }
}

async function readOrRender(key: string, input: CardInput): Promise<Buffer> {
  const file = path.join(cacheDir(), `${key}.png`);
  try {
    const png = await fs.readFile(file);
    stats.diskHits++;
    return png;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  stats.renders++;
  const png = await renderCard(input);
  // Written under a temporary name and renamed, so a crash or a second process never leaves or
  // reads half a file. A failed write only costs a render next time.
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
    await fs.writeFile(tmp, png);
    await fs.rename(tmp, file);
  } catch (error) {
    console.warn(`Share cards: could not store ${key}.png: ${(error as Error).message}`);
  }
  return png;
}

/** The card as PNG with its key: from memory, from disk, or rendered once however many ask. */
export async function getCard(input: CardInput): Promise<{ key: string; png: Buffer }> {
  const key = cardKey(input);
  const hot = memory.get(key);
  if (hot) {
    stats.memoryHits++;
    // Touch: move to the most recently used end.
    memory.delete(key);
    memory.set(key, hot);
    return { key, png: hot };
  }
  let pending = inFlight.get(key);
  if (pending) {
    stats.joined++;
  } else {
    pending = readOrRender(key, input)
      .then((png) => {
        remember(key, png);
        return png;
      })
      .finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return { key, png: await pending };
}

/** Counters for tests and the benchmark. */
export function cardCacheStats() {
  return { ...stats, memoryEntries: memory.size, memoryBytes, inFlight: inFlight.size };
}

/** Empties the in-memory layer (the files stay): for tests and the benchmark. */
export function clearCardMemoryCache() {
  memory.clear();
  memoryBytes = 0;
}

/**
 * A brake on hearing responses per client address. Loose on purpose: an organisation may send
 * several responses from one office, and a library's computers share an address. It stops a script
 * from filling a hearing (and the staff's reading list) with copies. Only stored responses count:
 * a form sent back with a mistake to correct costs the sender nothing.
 */
const limit = 20;
const windowMs = 10 * 60_000;
const maxKeys = 50_000;
const windows = new Map<string, { start: number; count: number }>();

function current(address: string, now: number) {
  const w = windows.get(address);
  return w && now - w.start < windowMs ? w : null;
}

/** Seconds to wait before this address may send another response, or 0. */
export function responseWait(clientAddress: string, now = Date.now()) {
  const w = current(clientAddress, now);
  return w && w.count >= limit ? Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) : 0;
}

/** A response from this address was stored. */
export function countResponse(clientAddress: string, now = Date.now()) {
  const w = current(clientAddress, now);
  if (w) {
    w.count++;
    return;
  }
  if (windows.size >= maxKeys) {
    for (const [key, value] of windows) if (now - value.start >= windowMs || windows.size >= maxKeys) windows.delete(key);
  }
  windows.set(clientAddress, { start: now, count: 1 });
}

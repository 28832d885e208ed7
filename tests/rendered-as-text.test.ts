/**
 * What people type reaches pages only through React's text rendering, which escapes it. A raw-HTML
 * escape hatch anywhere in the app would be a way around that (and around the CSP's reason to
 * exist), so none may appear without this test being changed on purpose.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(tsx?|mjs)$/.test(entry.name) && !/\.test\./.test(entry.name) ? [full] : [];
  });
}

describe("user text is rendered as text", () => {
  it("no page or component sets raw HTML", () => {
    const files = [...sourceFiles("app"), ...sourceFiles("server")];
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((file) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(fs.readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});

// Screenshots of the main pages, phone and desktop, Danish and English, for looking at a change
// the way citizens will see it. Usage: node scripts/screenshots.mjs [baseUrl] [outDir] [paths…]
import fs from "node:fs";
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "./chromium.mjs";

const [base = "http://localhost:3000", out = "screenshots", ...paths] = process.argv.slice(2);
const pages = paths.length > 0 ? paths : ["/", "/c/cykelsti-strandvejen", "/c/legeplads-havneparken"];
const viewports = { phone: { width: 375, height: 812 }, desktop: { width: 1366, height: 900 } };

fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch(chromiumLaunchOptions());
for (const [device, viewport] of Object.entries(viewports)) {
  for (const lng of ["da", "en"]) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const path of pages) {
      const sep = path.includes("?") ? "&" : "?";
      await page.goto(`${base}${path}${sep}lng=${lng}`, { waitUntil: "networkidle" });
      const name = `${device}-${lng}-${path.replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "home"}.png`;
      await page.screenshot({ path: `${out}/${name}`, fullPage: true });
      console.log(`${out}/${name}`);
    }
    await context.close();
  }
}
await browser.close();

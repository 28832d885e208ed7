// Where Chromium comes from: a system Chromium when there is one (Debian's `chromium` package),
// else Playwright's own browser (`npx playwright install chromium`, where downloads are possible).
import fs from "node:fs";

const candidates = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
].filter(Boolean);

export function systemChromium() {
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

/** Flags that keep a headless Chromium quiet on a closed network. */
export const quietFlags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function chromiumLaunchOptions() {
  const executablePath = systemChromium();
  return executablePath ? { executablePath, args: quietFlags } : { args: quietFlags };
}

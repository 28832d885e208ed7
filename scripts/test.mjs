// `npm test`: every test, in the order that fails fastest: types, a production build, unit and
// integration (Vitest; the PostgreSQL suite too with TEST_POSTGRES_URL), then the end-to-end
// journeys in real Chromium (Playwright).
import { spawnSync } from "node:child_process";
import { systemChromium } from "./chromium.mjs";

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${label} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${label} (${seconds} s)`);
}

const npx = process.platform === "win32" ? "npx.cmd" : "npx";

if (!systemChromium()) {
  // Playwright's own browser, if `npx playwright install chromium` has been run.
  const bundled = spawnSync(process.execPath, ["-e", "const fs=require('fs');process.exit(fs.existsSync(require('@playwright/test').chromium.executablePath())?0:1)"]);
  if (bundled.status !== 0) {
    console.error(
      "No Chromium for the end-to-end tests. Install one of:\n" +
        "  • your system's Chromium (Debian/Ubuntu: sudo apt-get install chromium), or\n" +
        "  • Playwright's own build: npx playwright install chromium\n" +
        "or point CHROMIUM_PATH at a Chromium or Chrome executable.",
    );
    process.exit(1);
  }
}

run("Type check", npx, ["tsc", "--noEmit"]);
// Built before the Vitest run: with TEST_POSTGRES_URL set, the PostgreSQL suite starts the real server.
run("Production build", npx, ["remix", "build"]);
if (!process.env.TEST_POSTGRES_URL) console.log("\nTEST_POSTGRES_URL is not set: the PostgreSQL suite (tests/*.pg.test.ts) is skipped.");
run("Unit and integration tests", npx, ["vitest", "run"]);
run("End-to-end tests in Chromium", npx, ["playwright", "test"]);

import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./scripts/chromium.mjs";

const port = Number(process.env.E2E_PORT ?? 3107);
// Separate folders let two runs (say, two worktrees' suites) share a machine without clashing.
const artifacts = path.resolve(process.env.E2E_ARTIFACTS ?? "e2e/.artifacts");
const dataDir = path.join(artifacts, "data");

export default defineConfig({
  testDir: "e2e",
  outputDir: path.join(artifacts, "results"),
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
  ],
  webServer: {
    // The real server on a fresh database: migrations, demo seed and first admin, as `npm start` does.
    // It needs a build: `npm test` makes one first.
    command: "node e2e/server.mjs",
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "e2e.db")}`,
      SEED_ADMIN_EMAIL: "admin@fjordby.dk",
      SEED_ADMIN_PASSWORD: "Raadslag-demo-2026",
      NODE_ENV: "production",
    },
  },
});

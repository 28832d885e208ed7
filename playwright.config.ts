import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./scripts/chromium.mjs";

const port = Number(process.env.E2E_PORT ?? 3107);
// Separate folders let two runs (say, two worktrees' suites) share a machine without clashing.
const artifacts = path.resolve(process.env.E2E_ARTIFACTS ?? "e2e/.artifacts");
const dataDir = path.join(artifacts, "data");
// The server sends its e-mail to an SMTP server that specs start on this port (e2e/mailbox.ts).
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 1000);

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
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: "Fjordby Kommune <noreply@fjordby.dk>",
      // Quick retries, and enough of them to outlast a spec waiting for the mailbox's port.
      MAIL_RETRY_SECONDS: "0.5",
      MAIL_RETRY_MAX_SECONDS: "2",
      MAIL_MAX_ATTEMPTS: "90",
      MAIL_POLL_SECONDS: "1",
    },
  },
});

// Each test file gets its own database file and data folder, copied from the migrated template.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";

const template = process.env.RAADSLAG_TEST_TEMPLATE_DB;
if (template) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "raadslag-file-"));
  const file = path.join(dir, "test.db");
  fs.copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.DATA_DIR = dir;
  process.env.SESSION_SECRET = crypto.randomBytes(32).toString("hex");
  process.env.NODE_ENV = "test";
}

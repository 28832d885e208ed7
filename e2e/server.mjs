// The server for end-to-end tests: the real one, started on an empty data folder every run so
// journeys begin from the demo seed, exactly as after `npm install && npm start`.
import fs from "node:fs";

fs.rmSync(process.env.DATA_DIR, { recursive: true, force: true });
fs.mkdirSync(process.env.DATA_DIR, { recursive: true });
await import("../server/index.mjs");

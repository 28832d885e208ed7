// The wire format the Prisma CLI expects from a schema-engine binary:
// - JSON-RPC 2.0 on stdin/stdout, one JSON object per line;
// - log lines on stderr, each a JSON object shaped like the engine's tracing output
//   ({ level, fields: { message, ... }, target }); the CLI parses every stderr line as JSON.

import { createInterface } from "node:readline";
import { getLastPanicMessage } from "./wasm.mjs";

/** JSON.stringify that survives the BigInt values a driver adapter may hand back. */
const toJson = (value) => JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));

export function writeLog(level, fields, target = "schema_engine") {
  process.stderr.write(`${toJson({ timestamp: new Date().toISOString(), level, fields, target })}\n`);
}

let nextOutgoingId = 1;

/**
 * Ask the CLI to print text on its stdout. The native engine prints `migrate diff` output this
 * way; the CLI does not print the diff it gets back in the response. The CLI acknowledges with
 * a response line on our stdin, which serve() ignores.
 */
export function requestPrint(content) {
  const id = `print-${nextOutgoingId++}`;
  process.stdout.write(`${toJson({ jsonrpc: "2.0", id, method: "print", params: { content } })}\n`);
}

/**
 * Turn an error from the engine (or from the forwarder) into the JSON-RPC error object the
 * native engine would send, so the CLI shows the same messages and error codes.
 */
export function toRpcError(error) {
  if (error instanceof WebAssembly.RuntimeError) {
    // A Rust panic inside the engine. The CLI offers to report these, as it would for the binary.
    return {
      code: 4466,
      message: "An error happened. Check the data field for details.",
      data: { is_panic: true, message: getLastPanicMessage() ?? error.message, backtrace: error.stack ?? null },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  const data = { is_panic: false, message };
  // User-facing errors (P1001, P3005, ...) carry a Prisma error code, which the CLI shows and
  // some commands branch on.
  if (typeof error?.code === "string" && /^P\d{4}$/.test(error.code)) {
    data.error_code = error.code;
    data.meta = error.meta ?? null;
  }
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

/**
 * Serve JSON-RPC requests from stdin until it closes. `handle(method, params)` returns the
 * result or throws. Requests run one at a time: the engine is single-threaded and the CLI
 * waits for each answer anyway.
 */
export function serve(handle) {
  const send = (message) => process.stdout.write(`${toJson({ jsonrpc: "2.0", ...message })}\n`);
  let queue = Promise.resolve();

  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (line.trim() === "") return;
    let request;
    try {
      request = JSON.parse(line);
    } catch {
      send({ id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    // Lines without a method are the CLI's answers to our print requests.
    if (typeof request?.method !== "string") return;

    queue = queue.then(async () => {
      try {
        const result = await handle(request.method, request.params);
        // The CLI rejects a response without `result`, and JSON drops undefined values.
        if (request.id !== undefined) send({ id: request.id, result: result === undefined ? {} : result });
      } catch (error) {
        if (request.id !== undefined) send({ id: request.id, error: toRpcError(error) });
      }
    });
  });

  return new Promise((resolve) => lines.on("close", () => queue.then(resolve)));
}

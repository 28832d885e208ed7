// Loads the WebAssembly build of Prisma's schema engine.
//
// The package's own entry point does `import * as wasm from "./schema_engine_bg.wasm"`, which
// needs ESM WebAssembly integration that Node 20 does not have. So we compile the .wasm file
// ourselves and wire it to the generated JavaScript glue, exactly as that entry point would.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

// The glue module keeps the instance in module state, so load it at most once per process.
let loaded;

// When the engine panics, its panic hook hands the reason to this global before the wasm code
// traps with a bare "RuntimeError: unreachable". Without the global, the hook itself would fail
// and the reason would be lost.
let lastPanicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message) {
    lastPanicMessage = message;
  },
};

/** The reason for the most recent engine panic, if any. */
export const getLastPanicMessage = () => lastPanicMessage;

/** @returns {Promise<typeof glue>} the glue module, bound to a running instance */
export function loadSchemaEngineWasm() {
  loaded ??= (async () => {
    // The .wasm file is not in the package's "exports", so locate it beside the entry point.
    const entry = fileURLToPath(import.meta.resolve("@prisma/schema-engine-wasm"));
    const bytes = await readFile(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      // wasm-bindgen names the import module after the glue file it generated.
      "./schema_engine_bg.js": glue,
    });
    glue.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return glue;
  })();
  return loaded;
}

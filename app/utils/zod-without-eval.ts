/**
 * The Content-Security-Policy allows no eval. Unless told otherwise, zod probes `new Function` the
 * first time a schema is built, to decide whether to compile its parsers; the browser refuses it
 * and reports a violation. Imported first by root.tsx, so it runs before any route builds a schema.
 */
import { z } from "zod";

z.config({ jitless: true });

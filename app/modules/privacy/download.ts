/** A JSON file the browser saves rather than shows, never cached: it is one person's data. */
export function jsonDownload(body: string, fileName: string) {
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      // nosniff comes with every response from the server (server/security.mjs); set here too, it went out twice.
    },
  });
}

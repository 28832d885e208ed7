/** A JSON file the browser saves rather than shows, never cached: it is one person's data. */
export function jsonDownload(body: string, fileName: string) {
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

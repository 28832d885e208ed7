import fs from "node:fs";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublicDocumentFile } from "~/modules/consultations/documents.server.ts";

/** A consultation's uploaded file, served inline with its checked type (never sniffed: see server/security.mjs). */
export async function loader({ params }: LoaderFunctionArgs) {
  const doc = await getPublicDocumentFile(params.id ?? "");
  if (!doc) throw new Response("Not found", { status: 404 });
  const stat = await fs.promises.stat(doc.filePath).catch(() => null);
  if (!stat) throw new Response("Not found", { status: 404 });
  const ext = doc.mimeType === "application/pdf" ? "pdf" : doc.mimeType.split("/")[1];
  const filename = `${doc.title.replace(/[^\p{L}\p{N} ._-]+/gu, "").slice(0, 80) || "dokument"}.${ext}`;
  return new Response(Readable.toWeb(fs.createReadStream(doc.filePath)) as ReadableStream, {
    headers: {
      "Content-Type": doc.mimeType,
      "Content-Length": String(stat.size),
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "Cache-Control": "public, max-age=3600",
    },
  });
}

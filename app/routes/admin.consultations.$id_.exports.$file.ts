import type { LoaderFunctionArgs } from "@remix-run/node";
import { consultationExportResponse } from "~/modules/reports/exports.server.ts";

/**
 * A consultation's CSV exports: /admin/consultations/:id/exports/responses.csv, comments.csv,
 * poll-results.csv, followers.csv and moderation-log.csv (see app/modules/reports/export-kinds.ts).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return consultationExportResponse(request, params.id ?? "", params.file);
}

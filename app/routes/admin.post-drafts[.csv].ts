import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { postDraftLogCsv } from "~/modules/post-drafts/post-drafts.server.ts";

/**
 * The post draft log as CSV (UTF-8 with BOM, so Excel shows Danish letters right): who asked, who
 * drafted, when, and the texts, so the municipality can account for the staff time spent.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "postDrafts:draft");
  const csv = await postDraftLogCsv(user.municipalityId);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="opslagsudkast-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

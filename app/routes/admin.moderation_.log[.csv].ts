import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { moderationLog } from "~/modules/moderation/moderation.server.ts";
import { toCsv } from "~/utils/csv.ts";

/** The moderation log as CSV (UTF-8 with BOM, so Excel shows Danish letters right). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "moderation:act");
  const entries = await moderationLog(user.municipalityId, 100_000);
  const csv = toCsv(
    ["time", "moderator", "action", "rule", "consultation_id", "comment_id", "hearing_response_id", "participant_id", "note"],
    entries.map((e) => [e.createdAt.toISOString(), e.actorName, e.action, e.rule ?? "", e.consultationId ?? "", e.commentId ?? "", e.hearingResponseId ?? "", e.participantId ?? "", e.note ?? ""]),
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="moderationslog-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { attachmentResponse, getStaffAttachment } from "~/modules/hearing-responses/hearing-responses.server.ts";

/** Any response's attachment, private and held ones included, for staff of the same municipality. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "responses:read");
  const file = await getStaffAttachment(params.id ?? "", user.municipalityId);
  // Citizens' personal data: never kept in a shared or browser cache.
  const response = file ? await attachmentResponse(file, "private, no-store") : null;
  if (!response) throw new Response("Not found", { status: 404 });
  return response;
}

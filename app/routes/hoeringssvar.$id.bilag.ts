import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentResponse, getPublicAttachment } from "~/modules/hearing-responses/hearing-responses.server.ts";

/**
 * The attachment of a published hearing response. Private, held and hidden responses answer 404,
 * exactly like a response that does not exist, so their existence is not given away.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const file = await getPublicAttachment(params.id ?? "");
  // A moderator may hide a response later: caches must ask again every time.
  const response = file ? await attachmentResponse(file, "no-cache") : null;
  if (!response) throw new Response("Not found", { status: 404 });
  return response;
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { getConsultationRef } from "~/modules/consultations/consultations.server.ts";
import { handleDiscussionAction } from "~/modules/discussion/discussion-actions.server.ts";

/**
 * The live page's endpoint for posting, supporting and reporting: JSON in, JSON out, with 4xx for
 * anything refused. Pages without JavaScript post the same forms to the page itself.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const consultation = await getConsultationRef(params.slug ?? "");
  if (!consultation) return Response.json({ ok: false, errors: { form: "validation.notFound" } }, { status: 404 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ ok: false, errors: { form: "validation.invalid" } }, { status: 400 });
  }
  const { status, body, headers } = await handleDiscussionAction(request, consultation.id, form, context.clientAddress);
  headers.set("Cache-Control", "no-store");
  return Response.json(body, { status, headers });
}

export async function loader() {
  return Response.json({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST" } });
}

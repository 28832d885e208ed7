// What is stored under an e-mail address, as a JSON download; the same proof as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { exportDocument, getEmailData } from "~/modules/privacy/my-data.server.ts";
import { verifyEmailLinkToken } from "~/modules/privacy/email-link.server.ts";
import { jsonDownload } from "~/modules/privacy/download.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const proof = verifyEmailLinkToken(params.token ?? "");
  if (!proof) throw new Response("Not found", { status: 404 });
  const [stored, municipality] = await Promise.all([getEmailData(proof.email), getMunicipality()]);
  return jsonDownload(exportDocument("email", stored, municipality), "mine-data-email.json");
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { resolveJoinTarget } from "~/modules/consultations/consultations.server.ts";
import { countArrival, normalizeChannel } from "~/modules/channels/channels.server.ts";

export const handle = { i18n: ["common", "consultations"] };

/**
 * Short join links from posters, QR codes and story stickers. The arrival is counted here, once,
 * by its channel (?via=qr, snapchat, …), and the page opens with `via` kept only as the channel a
 * vote is attributed to; the page itself does not count it again.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const target = await resolveJoinTarget(params.code ?? "");
  if (!target) throw new Response("Unknown join code", { status: 404 });
  const url = new URL(request.url);
  const channel = normalizeChannel(url.searchParams.get("via"));
  await countArrival(target.type, target.id, channel);
  const next = new URLSearchParams(url.search);
  next.delete("via");
  if (target.type === "poll") next.set("kanal", channel);
  const query = next.toString();
  return redirect(`${target.path}${query ? `?${query}` : ""}`, { headers: { "Cache-Control": "no-store" } });
}

export function ErrorBoundary() {
  const { t } = useTranslation("consultations");
  const { code } = useParams();
  return (
    <div className="page narrow error-page">
      <p className="eyebrow">404</p>
      <h1>{t("joinNotFound.title")}</h1>
      <p className="lead">{t("joinNotFound.body", { code: (code ?? "").toUpperCase().slice(0, 20) })}</p>
      <p>
        <Link className="button" to="/">
          {t("joinNotFound.cta")}
        </Link>
      </p>
    </div>
  );
}

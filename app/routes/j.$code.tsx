import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { resolveJoinCode } from "~/modules/consultations/consultations.server.ts";

export const handle = { i18n: ["common", "consultations"] };

/** Short join links from posters, QR codes and story stickers. The query (e.g. ?via=qr) is kept. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = await resolveJoinCode(params.code ?? "");
  if (!slug) throw new Response("Unknown join code", { status: 404 });
  const { search } = new URL(request.url);
  return redirect(`/c/${slug}${search}`, { headers: { "Cache-Control": "no-store" } });
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

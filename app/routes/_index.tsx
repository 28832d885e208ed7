import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { listPublicConsultations } from "~/modules/consultations/consultations.server.ts";
import { ConsultationCard, type CardConsultation } from "~/modules/consultations/ui/consultation-card.tsx";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { consultationKinds } from "~/modules/consultations/kinds.ts";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { pageMeta } from "~/utils/meta.ts";

export const handle = { i18n: ["common", "consultations"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const municipality = await getMunicipality();
  const [lists, t] = await Promise.all([
    listPublicConsultations(municipality.id),
    getFixedT(request, "consultations"),
  ]);
  return {
    ...lists,
    meta: { title: t("home.metaTitle"), description: t("home.metaDescription"), siteName: municipality.name },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => (data ? pageMeta(data.meta) : []);

export default function Home() {
  const { open, upcoming, awaitingDecision, decided } = useLoaderData<typeof loader>();
  const { t } = useTranslation("consultations");
  return (
    <div className="page">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <ul className="kind-legend" aria-label={t("home.kindsLabel")}>
          {consultationKinds.map((kind) => (
            <li key={kind}>
              <KindBadge kind={kind} />
              <span>{t(`kind.${kind}.short`)}</span>
            </li>
          ))}
        </ul>
      </section>

      <Section id="open" title={t("home.open")} items={open} empty={t("home.openEmpty")} />
      {upcoming.length > 0 ? <Section id="upcoming" title={t("home.upcoming")} items={upcoming} /> : null}
      <Section id="awaiting" title={t("home.awaiting")} items={awaitingDecision} empty={t("home.awaitingEmpty")} intro={t("home.awaitingIntro")} />
      <Section id="decided" title={t("home.decided")} items={decided} empty={t("home.decidedEmpty")} intro={t("home.decidedIntro")} />
    </div>
  );
}

function Section({ id, title, items, empty, intro }: { id: string; title: string; items: CardConsultation[]; empty?: string; intro?: string }) {
  return (
    <section className="listing" aria-labelledby={`${id}-title`}>
      <div className="listing-head">
        <h2 id={`${id}-title`}>
          {title} <span className="count">{items.length}</span>
        </h2>
        {intro ? <p className="muted">{intro}</p> : null}
      </div>
      {items.length > 0 ? (
        <ul className="card-grid">
          {items.map((c) => (
            <li key={c.slug}>
              <ConsultationCard consultation={c} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{empty}</p>
      )}
    </section>
  );
}

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "~/components/ui/use-hydrated.ts";

/** The short link and its QR code, for posters, slides and a friend's phone. */
export function JoinPanel({ joinUrl, joinCode, title }: { joinUrl: string; joinCode: string; title: string }) {
  const { t } = useTranslation("consultations");
  const [copied, setCopied] = useState(false);
  // Copying needs JavaScript; without it the link itself is there to select.
  const hydrated = useHydrated();
  const display = joinUrl.replace(/^https?:\/\//, "");
  return (
    <section className="join-panel" aria-labelledby="join-title">
      <h2 id="join-title">{t("join.title")}</h2>
      <p className="muted">{t("join.body")}</p>
      <img
        className="qr"
        src={`/qr/${joinCode}.svg`}
        width={176}
        height={176}
        alt={t("join.qrAlt", { title })}
      />
      <p className="join-link">
        <a href={joinUrl}>{display}</a>
      </p>
      {hydrated ? (
      <button
        type="button"
        className="button secondary small"
        onClick={() => {
          void navigator.clipboard?.writeText(joinUrl).then(() => setCopied(true));
        }}
      >
        {copied ? t("join.copied") : t("join.copy")}
      </button>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {copied ? t("join.copied") : ""}
      </p>
    </section>
  );
}

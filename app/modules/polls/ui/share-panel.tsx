/**
 * Sharing into the apps: on a phone the Web Share API hands the story card and the link straight
 * to Snapchat or Instagram; elsewhere the cards download and the link copies. Each link carries
 * the channel it is shared to, so staff see which channel brought whom (counted in aggregate).
 */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "~/components/ui/use-hydrated.ts";

type Cards = { story: string; post: string; og: string };

const targets = [
  { channel: "snapchat", card: "story" },
  { channel: "instagram", card: "story" },
  { channel: "facebook", card: "post" },
] as const;

function withVia(url: string, channel: string) {
  return `${url}${url.includes("?") ? "&" : "?"}via=${channel}`;
}

export function SharePanel({ joinUrl, cards, title, heading, intro }: { joinUrl: string; cards: Cards; title: string; heading?: string; intro?: string }) {
  const { t, i18n } = useTranslation("polls");
  const hydrated = useHydrated();
  const [canShareFiles, setCanShareFiles] = useState(false);
  const [status, setStatus] = useState("");
  const lng = i18n.language;
  const cardUrl = (kind: keyof Cards) =>
    cards[kind].includes("lng=") ? cards[kind] : `${cards[kind]}${cards[kind].includes("?") ? "&" : "?"}lng=${lng}`;

  useEffect(() => {
    const probe = new File([new Uint8Array([0])], "probe.png", { type: "image/png" });
    setCanShareFiles(typeof navigator.canShare === "function" && navigator.canShare({ files: [probe] }));
  }, []);

  const share = async (channel: string, card: keyof Cards) => {
    const url = withVia(joinUrl, channel);
    try {
      setStatus(t("share.preparing"));
      const blob = await (await fetch(cardUrl(card))).blob();
      const file = new File([blob], `raadslag-${card}.png`, { type: "image/png" });
      await navigator.share({ files: [file], url, title });
      setStatus("");
    } catch (error) {
      // Closing the share sheet is not an error worth showing.
      setStatus((error as Error).name === "AbortError" ? "" : t("share.shareFailed"));
    }
  };

  return (
    <section className="share-panel" aria-labelledby="share-title">
      <h2 id="share-title">{heading ?? t("share.title")}</h2>
      <p className="muted">{intro ?? t("share.intro")}</p>
      <div className="share-layout">
        <img className="card-preview" src={cardUrl("story")} width={180} height={320} alt={t("share.previewAlt", { title })} loading="lazy" />
        <div className="stack">
          {hydrated && canShareFiles ? (
            <div className="button-row">
              {targets.map((target) => (
                <button key={target.channel} type="button" className={`button share-${target.channel}`} onClick={() => void share(target.channel, target.card)}>
                  {t(`share.shareTo.${target.channel}`)}
                </button>
              ))}
            </div>
          ) : null}
          <div className="button-row">
            <a className="button secondary" href={cardUrl("story")} download>
              {t("share.downloadStory")}
            </a>
            <a className="button secondary" href={cardUrl("post")} download>
              {t("share.downloadPost")}
            </a>
          </div>
          <p className="join-link">
            <a href={withVia(joinUrl, "web")}>{joinUrl.replace(/^https?:\/\//, "")}</a>
          </p>
          {hydrated ? (
            <button
              type="button"
              className="button secondary small"
              onClick={() => void navigator.clipboard?.writeText(withVia(joinUrl, "web")).then(() => setStatus(t("share.copied")))}
            >
              {t("share.copy")}
            </button>
          ) : null}
          <p role="status" aria-live="polite" className="muted small">
            {status}
          </p>
        </div>
      </div>
    </section>
  );
}

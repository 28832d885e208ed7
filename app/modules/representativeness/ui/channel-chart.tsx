/**
 * How people found their way in: arrivals per channel (Snapchat, QR code, …) as bars, largest
 * first, drawn as SVG on the server with the numbers beside the bars and a table as the text
 * alternative. Like the age-group chart it has no viewBox, so text keeps its size on a phone.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/i18n/config.ts";
import { formatNumber } from "~/utils/time.ts";
import type { ParticipationFigures } from "../figures.ts";
import { channelRows } from "../representation.ts";
import { barPercent, chartColors, formatShare } from "./chart-format.ts";
import { ChartTable } from "./chart-table.tsx";

const knownChannels = ["snapchat", "instagram", "facebook", "tiktok", "qr", "email", "web", "other"];
const rowHeight = 38;
const rowGap = 10;

export function ChannelChart({ figures }: { figures: Pick<ParticipationFigures, "byChannel"> }) {
  const { t, i18n } = useTranslation("dashboard");
  const lng = i18n.language as Language;
  const id = useId();
  const { total, rows } = channelRows(figures.byChannel);
  const caption = t("channel.caption");
  const name = (channel: string) => (knownChannels.includes(channel) ? t(`channel.names.${channel}`) : channel);
  const value = (arrivals: number, share: number) => t("channel.value", { arrivals: formatNumber(arrivals, lng), share: formatShare(share, lng) });

  if (total === 0) {
    return (
      <figure className="participation-chart" style={{ margin: 0 }}>
        <figcaption style={{ fontWeight: 700 }}>{caption}</figcaption>
        <p className="muted">{t("channel.empty")}</p>
      </figure>
    );
  }

  const max = rows[0].arrivals;
  const description = [
    t("channel.desc", { count: total, formatted: formatNumber(total, lng) }),
    rows.map((r) => t("channel.descItem", { channel: name(r.channel), value: value(r.arrivals, r.share) })).join("; "),
  ].join(" ");

  return (
    <figure className="participation-chart" style={{ margin: 0 }}>
      <figcaption>
        <span style={{ display: "block", fontWeight: 700 }}>{caption}</span>
        <span className="muted small">{t("channel.basis", { count: total, formatted: formatNumber(total, lng) })}</span>
      </figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        width="100%"
        height={rows.length * (rowHeight + rowGap) - rowGap}
        style={{ display: "block", overflow: "visible", marginTop: "0.75rem", fontVariantNumeric: "tabular-nums" }}
      >
        <title id={`${id}-title`}>{caption}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {rows.map((r, i) => {
          const y = i * (rowHeight + rowGap);
          return (
            <g key={r.channel} data-channel={r.channel}>
              <text x="0" y={y + 14} style={{ fill: chartColors.ink, fontSize: 15, fontWeight: 700 }}>
                {name(r.channel)}
              </text>
              <text x="100%" y={y + 14} textAnchor="end" style={{ fill: chartColors.ink, fontSize: 14 }}>
                {value(r.arrivals, r.share)}
              </text>
              <rect x="0" y={y + 21} width="100%" height="13" rx="6.5" style={{ fill: chartColors.track }} />
              <rect x="0" y={y + 21} width={`${barPercent(r.arrivals, max, 100)}%`} height="13" rx="6.5" style={{ fill: chartColors.participants }} />
            </g>
          );
        })}
      </svg>
      <p className="muted small" style={{ marginTop: "0.75rem" }}>
        {t("channel.note")}
      </p>
      <ChartTable show={t("channel.table.show")} caption={caption}>
        <thead>
          <tr>
            <th scope="col">{t("channel.table.channel")}</th>
            <th scope="col">{t("channel.table.arrivals")}</th>
            <th scope="col">{t("channel.table.share")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.channel}>
              <th scope="row" style={{ minWidth: 0 }}>
                {name(r.channel)}
              </th>
              <td>{formatNumber(r.arrivals, lng)}</td>
              <td>{formatShare(r.share, lng)}</td>
            </tr>
          ))}
        </tbody>
      </ChartTable>
    </figure>
  );
}

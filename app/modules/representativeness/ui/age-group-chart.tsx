/**
 * Who took part by age group, beside who lives here: paired bars per group (participants' share,
 * residents' share), drawn as SVG on the server so they read without JavaScript, with the numbers
 * written beside the bars and the same figures as a table for screen readers and for copying.
 *
 * The SVG has no viewBox: bar lengths are percentages of its width and text keeps its real size,
 * so the chart fills a 320 px phone and a wide desktop column alike without shrinking the text.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "~/i18n/config.ts";
import { formatNumber } from "~/utils/time.ts";
import type { ParticipationFigures } from "../figures.ts";
import { overRepresentedAt, representation, underRepresentedAt, type AgeGroupRow } from "../representation.ts";
import { barPercent, chartColors, formatIndex, formatShare, formatThreshold } from "./chart-format.ts";
import { ChartTable } from "./chart-table.tsx";

/** Share of the SVG's width the bars may use; the rest holds the figures written beside them. */
const barArea = 76;
const groupHeight = { paired: 50, single: 36 };
const groupGap = 14;

type Props = {
  figures: Pick<ParticipationFigures, "byAgeGroup" | "population" | "pollVoters">;
};

export function AgeGroupChart({ figures }: Props) {
  const { t, i18n } = useTranslation("dashboard");
  const lng = i18n.language as Language;
  const id = useId();
  const summary = representation(figures.byAgeGroup, figures.population);
  const paired = summary.totalResidents !== null && summary.totalResidents > 0;
  const caption = paired ? t("age.caption") : t("age.captionNoPopulation");
  const groupLabel = (group: string) => t("age.group", { group });
  const share = (n: number) => formatShare(n, lng);
  const indexText = (index: number) => t("age.indexValue", { value: formatIndex(index, lng) });

  if (summary.answered === 0) {
    return (
      <figure className="participation-chart" style={{ margin: 0 }}>
        <figcaption style={{ fontWeight: 700 }}>{caption}</figcaption>
        <p className="muted">{t("age.empty")}</p>
      </figure>
    );
  }

  const height = groupHeight[paired ? "paired" : "single"];
  const max = Math.max(...summary.rows.flatMap((r) => [r.participantShare, paired ? (r.residentShare ?? 0) : 0]));
  const description = [
    t("age.desc", { count: summary.answered, formatted: formatNumber(summary.answered, lng) }),
    ...summary.rows.map((r) =>
      paired
        ? t("age.descGroup", { group: groupLabel(r.ageGroup), participants: share(r.participantShare), residents: share(r.residentShare ?? 0) })
        : t("age.descGroupNoPopulation", { group: groupLabel(r.ageGroup), participants: share(r.participantShare) }),
    ),
  ].join(" ");
  const listGroups = (rows: AgeGroupRow[]) =>
    rows.map((r) => t("age.groupWithIndex", { group: groupLabel(r.ageGroup), index: r.index === null ? "" : indexText(r.index) })).join(", ");

  return (
    <figure className="participation-chart" style={{ margin: 0 }}>
      <figcaption>
        <span style={{ display: "block", fontWeight: 700 }}>{caption}</span>
        <span className="muted small">
          {t("age.basis", { count: figures.pollVoters, answered: formatNumber(summary.answered, lng), formatted: formatNumber(figures.pollVoters, lng) })}
        </span>
      </figcaption>
      <ul style={{ listStyle: "none", padding: 0, margin: "0.5rem 0", display: "flex", flexWrap: "wrap", gap: "0.25rem 1.25rem" }} className="small">
        <li>
          <Swatch color={chartColors.participants} thickness={12} /> {t("age.legendParticipants")}
        </li>
        {paired ? (
          <li>
            <Swatch color={chartColors.residents} thickness={7} /> {t("age.legendResidents")}
          </li>
        ) : null}
      </ul>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        width="100%"
        height={summary.rows.length * (height + groupGap) - groupGap}
        style={{ display: "block", overflow: "visible", fontVariantNumeric: "tabular-nums" }}
      >
        <title id={`${id}-title`}>{caption}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {summary.rows.map((r, i) => {
          const y = i * (height + groupGap);
          const flag = r.representation === "over" ? "▲ " : r.representation === "under" ? "▼ " : "";
          const participantBar = barPercent(r.participantShare, max, barArea);
          const residentBar = barPercent(r.residentShare ?? 0, max, barArea);
          return (
            <g key={r.ageGroup} data-age-group={r.ageGroup}>
              <text x="0" y={y + 14} style={{ fill: chartColors.ink, fontSize: 15, fontWeight: 700 }}>
                {groupLabel(r.ageGroup)}
              </text>
              {r.representation && r.index !== null ? (
                <text
                  x="100%"
                  y={y + 14}
                  textAnchor="end"
                  style={{ fill: r.representation === "proportional" ? chartColors.inkSoft : chartColors.ink, fontSize: 14, fontWeight: r.representation === "proportional" ? 400 : 700 }}
                >
                  {flag}
                  {indexText(r.index)}
                </text>
              ) : null}
              <rect x="0" y={y + 20} width={`${participantBar}%`} height="13" rx="2" style={{ fill: chartColors.participants }} />
              {/* The figure sits just past the end of its bar: a percentage position and a pixel nudge. */}
              <text x={`${participantBar}%`} dx="6" y={y + 31} style={{ fill: chartColors.ink, fontSize: 14, fontWeight: 700 }}>
                {share(r.participantShare)}
              </text>
              {paired ? (
                <>
                  <rect x="0" y={y + 38} width={`${residentBar}%`} height="7" rx="1.5" style={{ fill: chartColors.residents }} />
                  <text x={`${residentBar}%`} dx="6" y={y + 46} style={{ fill: chartColors.inkSoft, fontSize: 13 }}>
                    {share(r.residentShare ?? 0)}
                  </text>
                </>
              ) : null}
            </g>
          );
        })}
      </svg>
      <div className="small" style={{ marginTop: "0.75rem" }}>
        {!paired ? (
          <p>{t("age.noPopulation")}</p>
        ) : !summary.judged ? (
          <p>{t("age.tooFew", { count: summary.answered, formatted: formatNumber(summary.answered, lng) })}</p>
        ) : (
          <>
            {summary.over.length > 0 ? <p>▲ {t("age.over", { groups: listGroups(summary.rows.filter((r) => r.representation === "over")) })}</p> : null}
            {summary.under.length > 0 ? <p>▼ {t("age.under", { groups: listGroups(summary.rows.filter((r) => r.representation === "under")) })}</p> : null}
            {summary.over.length + summary.under.length === 0 ? <p>{t("age.balanced")}</p> : null}
            <p className="muted">{t("age.indexExplained", { over: formatThreshold(overRepresentedAt, lng), under: formatThreshold(underRepresentedAt, lng) })}</p>
          </>
        )}
      </div>
      <ChartTable show={t("age.table.show")} caption={caption}>
        <thead>
          <tr>
            <th scope="col">{t("age.table.group")}</th>
            <th scope="col">{t("age.table.participants")}</th>
            <th scope="col">{t("age.table.participantShare")}</th>
            {paired ? (
              <>
                <th scope="col">{t("age.table.residents")}</th>
                <th scope="col">{t("age.table.residentShare")}</th>
                <th scope="col">{t("age.table.index")}</th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((r) => (
            <tr key={r.ageGroup}>
              <th scope="row" style={{ minWidth: 0 }}>
                {groupLabel(r.ageGroup)}
              </th>
              <td>{formatNumber(r.participants, lng)}</td>
              <td>{share(r.participantShare)}</td>
              {paired ? (
                <>
                  <td>{formatNumber(r.residents ?? 0, lng)}</td>
                  <td>{share(r.residentShare ?? 0)}</td>
                  <td>{r.index === null ? t("age.table.noIndex") : indexText(r.index)}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </ChartTable>
    </figure>
  );
}

export function Swatch({ color, thickness }: { color: string; thickness: number }) {
  return (
    <svg width="18" height="14" style={{ verticalAlign: "middle" }} aria-hidden="true" focusable="false">
      <rect x="0" y={(14 - thickness) / 2} width="18" height={thickness} rx="2" style={{ fill: color }} />
    </svg>
  );
}

/**
 * Who took part, as the outcome report shows it: the counts, then participants by age group beside
 * the municipality's residents, and by channel, so a council can see when a loud group speaks for few.
 */
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/time.ts";
import type { Language } from "~/i18n/config.ts";
import type { ParticipationFigures } from "~/modules/representativeness/figures.ts";
import { AgeGroupChart } from "~/modules/representativeness/ui/age-group-chart.tsx";
import { ChannelChart } from "~/modules/representativeness/ui/channel-chart.tsx";

export function ParticipationFiguresView({ figures }: { figures: ParticipationFigures }) {
  const { t, i18n } = useTranslation("outcomes");
  const lng = i18n.language as Language;
  const counts = [
    ["participants", figures.participants],
    ["comments", figures.comments],
    ["hearingResponses", figures.hearingResponses],
    ["pollVoters", figures.pollVoters],
  ] as const;
  return (
    <div className="participation-figures">
      <dl className="figure-counts">
        {counts.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`figures.${key}`)}</dt>
            <dd>{formatNumber(value, lng)}</dd>
          </div>
        ))}
      </dl>
      <p className="field-hint">{t("figures.approximate")}</p>
      <AgeGroupChart figures={figures} />
      <ChannelChart figures={figures} />
    </div>
  );
}

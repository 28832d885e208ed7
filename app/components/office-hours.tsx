import { useTranslation } from "react-i18next";
import { intlLocale, type Language } from "~/i18n/config.ts";
import { officeHours } from "~/modules/municipality/office-hours.ts";

type Props = {
  municipality: { officeDays: string; officeOpens: string; officeCloses: string };
};

/**
 * "The administration answers on weekdays 9–15": shown wherever citizens write, so nobody expects
 * answers around the clock.
 */
export function OfficeHours({ municipality }: Props) {
  const { t, i18n } = useTranslation();
  const lng = (i18n.language === "en" ? "en" : "da") as Language;
  const { days } = officeHours(municipality);
  const weekdays = days.length === 5 && [1, 2, 3, 4, 5].every((d) => days.includes(d));
  const dayNames = weekdays ? t("officeHours.weekdays") : listDays(days, lng);
  return (
    <p className="office-hours">
      {t("officeHours.answers", {
        days: dayNames,
        opens: trimTime(municipality.officeOpens),
        closes: trimTime(municipality.officeCloses),
      })}
    </p>
  );
}

function trimTime(hhmm: string) {
  const [h, m] = hhmm.split(":");
  return m === "00" ? String(Number(h)) : `${Number(h)}.${m}`;
}

function listDays(days: number[], lng: Language) {
  // 2024-01-01 was a Monday, so day n of that week has ISO number n.
  const names = days.map((d) =>
    new Intl.DateTimeFormat(intlLocale[lng], { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, d))),
  );
  return new Intl.ListFormat(intlLocale[lng], { type: "conjunction" }).format(names);
}

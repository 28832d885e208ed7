import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { getMunicipality, updateMunicipalitySettings } from "~/modules/municipality/municipality.server.ts";
import { getPopulation, updatePopulation } from "~/modules/municipality/population.server.ts";
import { residentsField } from "~/modules/municipality/population.schema.ts";
import { ColourFields, colourErrorMessage } from "~/modules/municipality/ui/colour-fields.tsx";
import { ageGroups } from "~/modules/polls/poll-types.ts";
import { formatNumber } from "~/utils/time.ts";
import { houseRules } from "~/modules/moderation/house-rules.ts";
import { FormErrorSummary, TextField } from "~/components/ui/field.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { intlLocale, type Language } from "~/i18n/config.ts";
import { readFormOr400 } from "~/utils/form.ts";

export const handle = { i18n: ["common", "admin", "moderation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "settings:manage");
  const [municipality, population, t, tm] = await Promise.all([
    getMunicipality(),
    getPopulation(user.municipalityId),
    getFixedT(request, "admin"),
    getFixedT(request, "moderation"),
  ]);
  return { municipality, population, defaultRules: houseRules(null, tm), title: t("settings.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "settings:manage");
  const form = await readFormOr400(request);
  // The residents per age group are a form of their own on this page, saved on their own.
  if (form.get("intent") === "population") {
    const entered: Record<string, string> = Object.fromEntries([...form.entries()].map(([k, v]) => [k, typeof v === "string" ? v : ""]));
    const saved = await updatePopulation(user.municipalityId, entered);
    return saved.ok
      ? { intent: "population" as const, ok: true as const, errors: {} }
      : { intent: "population" as const, ok: false as const, errors: saved.errors, values: entered };
  }
  const values: Record<string, string> = Object.fromEntries(
    [...form.entries()].filter(([k]) => k !== "officeDays").map(([k, v]) => [k, typeof v === "string" ? v : ""]),
  );
  const officeDays = form.getAll("officeDays").map(String);
  const result = await updateMunicipalitySettings(user.municipalityId, { ...values, officeDays });
  return result.ok
    ? { intent: "settings" as const, ok: true as const, errors: {} }
    : { intent: "settings" as const, ok: false as const, errors: result.errors, values: { ...values, officeDays: officeDays.join(",") } };
}

export default function Settings() {
  const { municipality, population, defaultRules } = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const actionData = submitted?.intent === "settings" ? submitted : undefined;
  const populationData = submitted?.intent === "population" ? submitted : undefined;
  const navigation = useNavigation();
  const { t, i18n } = useTranslation("admin");
  const lng = i18n.language as Language;
  const errors: Partial<Record<string, string>> = actionData?.errors ?? {};
  const values: Record<string, string> | null = actionData && !actionData.ok ? actionData.values : null;
  const current = {
    name: values?.name ?? municipality.name,
    contactEmail: values?.contactEmail ?? municipality.contactEmail ?? "",
    officeDays: (values?.officeDays ?? municipality.officeDays).split(","),
    officeOpens: values?.officeOpens ?? municipality.officeOpens,
    officeCloses: values?.officeCloses ?? municipality.officeCloses,
    houseRules: values?.houseRules ?? municipality.houseRules ?? "",
    retentionMonths: values?.retentionMonths ?? String(municipality.retentionMonths),
    primaryColor: values?.primaryColor ?? municipality.primaryColor,
    accentColor: values?.accentColor ?? municipality.accentColor,
  };
  const message = (field: string) => {
    const key = errors[field];
    if (!key) return undefined;
    // A refused colour's message states the measured and the required contrast.
    if (field === "primaryColor" || field === "accentColor") return colourErrorMessage(t, lng, field, values?.[field], key);
    return t(key);
  };
  const dayName = (d: number) =>
    new Intl.DateTimeFormat(intlLocale[lng], { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, d)));
  return (
    <div className="page narrow">
      <h1>{t("settings.title")}</h1>
      <p className="lead">{t("settings.intro")}</p>
      {actionData?.ok ? (
        <p className="flash" role="status">
          {t("settings.saved")}
        </p>
      ) : null}
      <FormErrorSummary title={t("form.errorTitle")} messages={Object.keys(errors).flatMap((field) => message(field) ?? [])} />
      <Form method="post" noValidate className="panel stack">
        <TextField label={t("settings.name")} name="name" required defaultValue={current.name} error={message("name")} />
        <TextField label={t("settings.contactEmail")} name="contactEmail" type="email" defaultValue={current.contactEmail} error={message("contactEmail")} hint={t("settings.contactEmailHint")} />
        <ColourFields
          // Saved colours come back normalised ("#ABC" → "#aabbcc"): start the fields afresh from them.
          key={`${municipality.primaryColor} ${municipality.accentColor}`}
          initial={{ primaryColor: current.primaryColor, accentColor: current.accentColor }}
          saved={{ primaryColor: municipality.primaryColor, accentColor: municipality.accentColor }}
          errors={{ primaryColor: message("primaryColor"), accentColor: message("accentColor") }}
          municipalityName={current.name}
        />
        <fieldset>
          <legend>{t("settings.officeHours")}</legend>
          <p className="field-hint">{t("settings.officeHoursHint")}</p>
          {message("officeDays") ? <p className="field-error">{message("officeDays")}</p> : null}
          <div className="day-grid">
            {[1, 2, 3, 4, 5, 6, 7].map((d) => (
              <label key={d} className="checkbox">
                <input type="checkbox" name="officeDays" value={String(d)} defaultChecked={current.officeDays.includes(String(d))} /> {dayName(d)}
              </label>
            ))}
          </div>
          <div className="date-row">
            <TextField label={t("settings.opens")} name="officeOpens" type="time" defaultValue={current.officeOpens} error={message("officeOpens")} />
            <TextField label={t("settings.closes")} name="officeCloses" type="time" defaultValue={current.officeCloses} error={message("officeCloses")} />
          </div>
        </fieldset>
        <TextField
          label={t("settings.houseRules")}
          name="houseRules"
          multiline
          rows={7}
          defaultValue={current.houseRules}
          error={message("houseRules")}
          hint={t("settings.houseRulesHint", { rules: defaultRules.map((r, i) => `${i + 1}. ${r}`).join(" ") })}
        />
        <TextField
          label={t("settings.retentionMonths")}
          name="retentionMonths"
          type="number"
          min={1}
          max={60}
          defaultValue={current.retentionMonths}
          error={message("retentionMonths")}
          hint={t("settings.retentionHint")}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("settings.save")}
        </button>
      </Form>
      <PopulationForm population={population} result={populationData} submitting={navigation.state === "submitting" && navigation.formData?.get("intent") === "population"} />
    </div>
  );
}

/** Residents per age group, compared on the dashboard and outcome reports with who took part. */
function PopulationForm({
  population,
  result,
  submitting,
}: {
  population: Record<string, number> | null;
  result: { ok: boolean; errors: Partial<Record<string, string>>; values?: Record<string, string> } | undefined;
  submitting: boolean;
}) {
  const { t, i18n } = useTranslation("admin");
  const lng = i18n.language as Language;
  const errors = result?.errors ?? {};
  const typed = result && !result.ok ? result.values : undefined;
  const total = population ? ageGroups.reduce((sum, g) => sum + (population[g] ?? 0), 0) : null;
  return (
    <section className="panel" id="population" aria-labelledby="population-title">
      <h2 id="population-title">{t("settings.population.title")}</h2>
      <p className="field-hint" style={{ marginBottom: "1rem" }}>{t("settings.population.intro")}</p>
      {result?.ok ? (
        <p className="flash" role="status">
          {t("settings.population.saved")}
        </p>
      ) : null}
      <FormErrorSummary title={t("form.errorTitle")} messages={[...new Set(Object.values(errors).map((k) => t(k as string)))]} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="population" />
        <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(9rem, 1fr))", gap: "0 0.75rem" }}>
          {ageGroups.map((group) => {
            const field = residentsField(group);
            return (
              <TextField
                key={group}
                label={t("settings.population.group", { group })}
                name={field}
                inputMode="numeric"
                autoComplete="off"
                defaultValue={typed?.[field] ?? (population ? String(population[group] ?? 0) : "")}
                error={errors[field] ? t(errors[field] as string) : undefined}
              />
            );
          })}
        </div>
        {total !== null ? <p className="muted small">{t("settings.population.total", { total: formatNumber(total, lng) })}</p> : null}
        <button type="submit" className="button" disabled={submitting}>
          {t("settings.population.save")}
        </button>
      </Form>
    </section>
  );
}

/**
 * The municipality's two colours in the settings form: a text field per colour that works without
 * JavaScript, a colour picker beside it once JavaScript runs, and a preview of the header, a
 * button, a badge, a link and an accent edge with the contrast the server will check.
 */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "~/components/ui/use-hydrated.ts";
import { Described, describedBy } from "~/components/ui/field.tsx";
import { intlLocale, type Language } from "~/i18n/config.ts";
import { colourProblem, nonTextRatio, normalTextRatio, primaryAsTextRatio, whiteOnPrimaryRatio, type ColourField } from "../colour-rules.ts";
import { formatRatio, normaliseHexColour } from "../contrast.ts";

export type Colours = Record<ColourField, string>;

/** A hint for the browser only (the form is `noValidate`; the server decides): "#abc" or "#aabbcc". */
const hexPattern = "\\s*#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\\s*";

/**
 * The translated message for a refused colour, with the measured and the required ratio; the
 * numbers come from the same rules the server applied to the same typed value.
 */
export function colourErrorMessage(t: (key: string, options?: Record<string, string>) => string, lng: Language, field: ColourField, typed: string | undefined, key: string) {
  const problem = colourProblem(field, typed);
  if (problem && "ratio" in problem) {
    return t(problem.key, { ratio: formatRatio(problem.ratio, intlLocale[lng]), required: formatRatio(problem.required, intlLocale[lng]) });
  }
  return t(key);
}

export function ColourFields({
  initial,
  saved,
  errors,
  municipalityName,
}: {
  /** What the fields show: the saved colours, or what was typed when the form was refused. */
  initial: Colours;
  /** The stored colours: the preview falls back to them while a field holds no valid colour. */
  saved: Colours;
  /** Already translated messages. */
  errors: Partial<Record<ColourField, string>>;
  municipalityName: string;
}) {
  const { t, i18n } = useTranslation("admin");
  const locale = intlLocale[i18n.language as Language] ?? intlLocale.da;
  const hydrated = useHydrated();
  const [values, setValues] = useState<Colours>(initial);
  const set = (field: ColourField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const ratio = (value: number) => formatRatio(value, locale);
  return (
    <fieldset className="colour-fields">
      <legend>{t("settings.colours.title")}</legend>
      <p className="field-hint">{t("settings.colours.hint", { text: ratio(normalTextRatio), nonText: ratio(nonTextRatio) })}</p>
      <div className="colour-row">
        {(["primaryColor", "accentColor"] as const).map((field) => (
          <ColourInput
            key={field}
            field={field}
            label={t(field === "primaryColor" ? "settings.colours.primary" : "settings.colours.accent")}
            pickerLabel={t(field === "primaryColor" ? "settings.colours.primaryPicker" : "settings.colours.accentPicker")}
            hint={t("settings.colours.format")}
            value={values[field]}
            fallback={saved[field]}
            onChange={set(field)}
            error={errors[field]}
            picker={hydrated}
          />
        ))}
      </div>
      <ColourPreview primary={normaliseHexColour(values.primaryColor)} accent={normaliseHexColour(values.accentColor)} saved={saved} municipalityName={municipalityName} />
    </fieldset>
  );
}

function ColourInput({
  field,
  label,
  pickerLabel,
  hint,
  value,
  fallback,
  onChange,
  error,
  picker,
}: {
  field: ColourField;
  label: string;
  pickerLabel: string;
  hint: string;
  value: string;
  fallback: string;
  onChange: (value: string) => void;
  error?: string;
  picker: boolean;
}) {
  const id = useId();
  const valid = normaliseHexColour(value);
  const described = describedBy(id, hint, error);
  return (
    <div className={`field colour-field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <Described id={id} hint={hint} error={error} />
      <div className="colour-inputs">
        {/* The picker needs JavaScript to reach the text field, which is what is posted; without it
            a swatch shows the colour that is in the field. */}
        {picker ? (
          <input type="color" className="colour-picker" aria-label={pickerLabel} value={valid ?? normaliseHexColour(fallback) ?? "#000000"} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <span className="colour-swatch" aria-hidden="true" style={valid ? { background: valid } : undefined} />
        )}
        <input
          id={id}
          name={field}
          type="text"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          pattern={hexPattern}
          maxLength={20}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
        />
      </div>
    </div>
  );
}

function ColourPreview({ primary, accent, saved, municipalityName }: { primary: string | null; accent: string | null; saved: Colours; municipalityName: string }) {
  const { t, i18n } = useTranslation("admin");
  const { t: tc } = useTranslation("common");
  const locale = intlLocale[i18n.language as Language] ?? intlLocale.da;
  const shownPrimary = primary ?? saved.primaryColor;
  const shownAccent = accent ?? saved.accentColor;
  const measure = (key: "whiteText" | "asText", value: number) =>
    t(`settings.colours.${key}`, {
      ratio: formatRatio(value, locale),
      required: formatRatio(normalTextRatio, locale),
      verdict: t(value >= normalTextRatio ? "settings.colours.enough" : "settings.colours.tooLow"),
    });
  return (
    <div className="colour-preview" style={{ "--preview-primary": shownPrimary, "--preview-accent": shownAccent } as React.CSSProperties}>
      <p className="colour-preview-title">{t("settings.colours.preview")}</p>
      {/* A picture of the pages, not something to read or use: the measured contrast below says
          in words what it shows. */}
      <div className="colour-preview-sample" aria-hidden="true">
        <div className="colour-preview-header">
          <span className="brand-name">{municipalityName}</span>
          <span className="brand-product">{tc("productTagline")}</span>
        </div>
        <div className="colour-preview-body">
          <p>
            <span className="colour-preview-link">{t("settings.colours.previewLink")}</span>
          </p>
          <p className="colour-preview-controls">
            <span className="colour-preview-button">{t("settings.colours.previewButton")}</span>
            <span className="colour-preview-badge">{t("settings.colours.previewBadge")}</span>
          </p>
          <p className="colour-preview-accent">{t("settings.colours.previewAccent")}</p>
        </div>
      </div>
      <ul className="colour-preview-ratios">
        {primary ? (
          <>
            <li>{measure("whiteText", whiteOnPrimaryRatio(primary))}</li>
            <li>{measure("asText", primaryAsTextRatio(primary))}</li>
          </>
        ) : (
          <li>{t("settings.colours.invalid")}</li>
        )}
      </ul>
    </div>
  );
}

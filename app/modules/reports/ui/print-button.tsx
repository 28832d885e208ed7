import { useTranslation } from "react-i18next";
import { useHydrated } from "~/components/ui/use-hydrated.ts";

/** Opens the browser's print dialog; before the page's script runs it waits, disabled, with a hint beside it. */
export function PrintButton() {
  const { t } = useTranslation("reports");
  const hydrated = useHydrated();
  return (
    <button type="button" className="button" onClick={() => window.print()} disabled={!hydrated}>
      <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M5 7V2h10v5M5 15H3V8h14v7h-2M5 12h10v6H5z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
      </svg>
      {t("summary.print")}
    </button>
  );
}

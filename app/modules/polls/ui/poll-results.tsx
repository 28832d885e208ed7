import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/time.ts";
import type { Language } from "~/i18n/config.ts";
import type { QuestionType } from "../poll-types.ts";
import { ScaleFace } from "./scale-face.tsx";

export type ResultQuestion = { id: string; type: QuestionType; text: string; options: { id: string; label: string }[] };

/** How an option reads: scale faces and yes/no are translated, other labels are the editor's words. */
export function OptionLabel({ type, label, compact = false }: { type: QuestionType; label: string; compact?: boolean }) {
  const { t } = useTranslation("polls");
  if (type === "scale") {
    const n = Number(label);
    return (
      <>
        <ScaleFace value={n} size={compact ? 40 : 24} />
        <span className={compact ? "visually-hidden" : undefined}>{t(`scale.${n}`)}</span>
      </>
    );
  }
  if (type === "yesno") return <>{t(`yesno.${label}`)}</>;
  return <>{label}</>;
}

/** Results as bars, with the numbers in text so they read without colour or JavaScript. */
export function PollResults({ questions, votes, totalVoters }: { questions: ResultQuestion[]; votes: Record<string, number>; totalVoters: number }) {
  const { t, i18n } = useTranslation("polls");
  const lng = i18n.language as Language;
  return (
    <div className="poll-results">
      {questions.map((q) => {
        const answered = q.options.reduce((sum, o) => sum + (votes[o.id] ?? 0), 0);
        const base = q.type === "multiple" ? Math.max(totalVoters, 1) : Math.max(answered, 1);
        const top = Math.max(...q.options.map((o) => votes[o.id] ?? 0));
        return (
          <section key={q.id} className="result-question" aria-label={q.text}>
            <h3>{q.text}</h3>
            <ul className="bars">
              {q.options.map((o) => {
                const count = votes[o.id] ?? 0;
                const pct = Math.round((count / base) * 100);
                return (
                  <li key={o.id} className={count === top && count > 0 ? "leading" : undefined}>
                    <div className="bar-label">
                      <span>
                        <OptionLabel type={q.type} label={o.label} />
                      </span>
                      <span className="bar-figure">
                        {pct} % <span className="muted small">({t("results.votes", { count, formatted: formatNumber(count, lng) })})</span>
                      </span>
                    </div>
                    <div className="bar-track" aria-hidden="true">
                      <div className="bar-fill" style={{ width: `${pct}%` }} />
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

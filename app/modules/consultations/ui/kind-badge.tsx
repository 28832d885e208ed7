import { useTranslation } from "react-i18next";
import type { ConsultationKind } from "../kinds.ts";

/** The kind is a promise: shown as text with its own colour and symbol, never colour alone. */
export function KindBadge({ kind, size = "md" }: { kind: ConsultationKind; size?: "md" | "lg" }) {
  const { t } = useTranslation("consultations");
  return (
    <span className={`kind-badge kind-${kind} kind-badge-${size}`}>
      <KindIcon kind={kind} />
      {t(`kind.${kind}.label`)}
    </span>
  );
}

export function KindIcon({ kind }: { kind: ConsultationKind }) {
  // Simple shapes: a speech bubble (hearing), people (participation), a ballot tick (decision).
  const paths: Record<ConsultationKind, string> = {
    hearing: "M3 4h14a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H9l-4 3v-3H3a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z",
    participation:
      "M7 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm6 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM1 17c0-3 3-5 6-5s6 2 6 5zm12.5 0c0-2-.8-3.6-2-4.6.5-.2 1-.4 1.5-.4 3 0 6 2 6 5z",
    decision: "M3 3h14v14H3zM6 10l3 3 5-6",
  };
  return (
    <svg className="kind-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path
        d={paths[kind]}
        fill={kind === "decision" ? "none" : "currentColor"}
        stroke={kind === "decision" ? "currentColor" : "none"}
        strokeWidth={kind === "decision" ? 2 : 0}
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}

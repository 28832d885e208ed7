import { getFixedT } from "~/i18n/i18next.server.ts";
import type { ConsultationKind } from "./kinds.ts";
import { defaultPromiseKey } from "./kinds.ts";

/**
 * The standard promise of each kind, in Danish: consultation texts are the municipality's own
 * content and are written in Danish whatever language the editor's screen is in.
 */
export async function defaultPromiseInDanish() {
  const t = await getFixedT("da", "consultations");
  return (kind: ConsultationKind) => t(defaultPromiseKey(kind));
}

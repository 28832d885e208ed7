/**
 * The CSV exports of a consultation and who may have each. Shared by the export route (which
 * refuses the rest with a 403) and the staff page (which shows only the links a role may use).
 */
import { can, type Permission } from "~/modules/auth/roles.ts";
import type { ConsultationKind } from "~/modules/consultations/kinds.ts";

export const consultationExports = [
  { key: "responses", file: "responses.csv", permission: "exports:responses", hearingsOnly: true, personalData: true },
  { key: "comments", file: "comments.csv", permission: "exports:comments", hearingsOnly: false, personalData: false },
  { key: "polls", file: "poll-results.csv", permission: "exports:polls", hearingsOnly: false, personalData: false },
  { key: "followers", file: "followers.csv", permission: "exports:followers", hearingsOnly: false, personalData: false },
  // The municipality-wide log lives at /admin/moderation/log.csv; this is the same log, one consultation's part.
  { key: "moderationLog", file: "moderation-log.csv", permission: "moderation:act", hearingsOnly: false, personalData: false },
] as const satisfies readonly { key: string; file: string; permission: Permission; hearingsOnly: boolean; personalData: boolean }[];

export type ConsultationExport = (typeof consultationExports)[number];
export type ExportKey = ConsultationExport["key"];

export function findExport(file: string | undefined): ConsultationExport | null {
  return consultationExports.find((e) => e.file === file) ?? null;
}

export function exportPath(consultationId: string, file: string) {
  return `/admin/consultations/${encodeURIComponent(consultationId)}/exports/${file}`;
}

/** The exports this role may download for a consultation of this kind, as links for the staff page. */
export function exportLinksFor(role: string, consultation: { id: string; kind: ConsultationKind }) {
  return consultationExports
    .filter((e) => can(role, e.permission) && (!e.hearingsOnly || consultation.kind === "hearing"))
    .map((e) => ({ key: e.key, href: exportPath(consultation.id, e.file), personalData: e.personalData }));
}

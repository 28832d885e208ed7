/**
 * Hearing responses (høringssvar): the formal, named answers a citizen sends to a hearing, each
 * with the author's own choice about publication. The promise of a hearing is that all responses
 * are read, so every one is kept and counted; only those the author let us publish, and that
 * screening did not hold, are shown to the public. The only code that touches HearingResponse rows.
 */
import fs from "node:fs/promises";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import path from "node:path";
import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { backgroundOrigin, getEnv } from "~/utils/env.server.ts";
import type { CommandResult, FieldErrors } from "~/utils/command.ts";
import { acceptsInput, effectiveStatus } from "~/modules/consultations/lifecycle.ts";
import { sniffDocumentType } from "~/modules/consultations/documents.server.ts";
import { screenText } from "~/modules/moderation/screening.ts";
import { employeeNames } from "~/modules/moderation/staff-directory.server.ts";
import { startFollowing } from "~/modules/followers/followers.server.ts";
import { wakeMailWorker } from "~/modules/mail/outbox.server.ts";
import type { Language } from "~/i18n/config.ts";
import { generateReceiptNumber, normalizeReceiptNumber } from "./receipt.ts";
import { parseHearingResponse } from "./hearing-response.schema.ts";
import { isPublication, maxAttachmentBytes, submitErrors, type Publication } from "./rules.ts";

export { maxAttachmentBytes, submitErrors, type Publication } from "./rules.ts";

export type ResponseStatus = "published" | "held" | "hidden";

// ---- The public form ----

/**
 * The hearing behind the response form; null for unknown slugs, drafts and other kinds, which have
 * no form. Whether it takes responses is decided by the phase gate, to the second.
 */
export async function getHearingForResponse(slug: string, now = new Date()) {
  const row = await prisma.consultation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      kind: true,
      status: true,
      title: true,
      summary: true,
      promise: true,
      opensAt: true,
      closesAt: true,
      expectedDecisionAt: true,
    },
  });
  if (!row || row.kind !== "hearing" || row.status === "draft") return null;
  return { ...row, kind: "hearing" as const, status: effectiveStatus(row, now), acceptsInput: acceptsInput(row, now) };
}

export type HearingForResponse = NonNullable<Awaited<ReturnType<typeof getHearingForResponse>>>;

export type HearingResponseSubmission = {
  name?: unknown;
  email?: unknown;
  organisation?: unknown;
  body?: unknown;
  publication?: unknown;
  /** "on" when the author ticked "tell me the outcome": their address then follows the hearing. */
  followOutcome?: unknown;
  /** The uploaded file, or null when none was chosen (browsers then send an empty, unnamed part). */
  attachment?: File | null;
};

/**
 * Takes a response if the hearing accepts input at `now` (the moment the request arrived, so a slow
 * upload started before the deadline is not refused for finishing after it). Every field and the
 * attachment are checked together, so the author sees every problem at once; nothing is stored
 * unless all is well.
 */
export async function submitHearingResponse(
  consultationId: string,
  input: HearingResponseSubmission,
  now = new Date(),
  /** The page's language and the origin for the links in a confirmation e-mail, if one is sent. */
  mail: { locale: Language; origin: string } = { locale: "da", origin: backgroundOrigin() },
): Promise<CommandResult<{ id: string; receiptNumber: string; publication: Publication; status: ResponseStatus }>> {
  const consultation = await prisma.consultation.findUnique({
    where: { id: consultationId },
    select: { id: true, kind: true, status: true, opensAt: true, closesAt: true, expectedDecisionAt: true, municipalityId: true },
  });
  if (!consultation || consultation.kind !== "hearing" || consultation.status === "draft") {
    return { ok: false, errors: { form: submitErrors.notHearing } };
  }
  if (!acceptsInput(consultation, now)) {
    const notYet = effectiveStatus(consultation, now) === "scheduled";
    return { ok: false, errors: { form: notYet ? submitErrors.notOpenYet : submitErrors.closed } };
  }

  const parsed = parseHearingResponse(input as Record<string, unknown>);
  const attachment = await readAttachment(input.attachment ?? null);
  const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
  if (!attachment.ok) errors.attachment = attachment.error;
  if (!parsed.ok || !attachment.ok) return { ok: false, errors };
  const data = parsed.data;

  // The organisation is shown beside the text when the author is named, so it is screened with it.
  // The author's own name is not: an employee may answer a hearing as a citizen.
  const reasons = screenText([data.body, data.organisation].filter(Boolean).join("\n"), {
    employeeNames: await employeeNames(consultation.municipalityId),
  });
  const status: ResponseStatus = reasons.length > 0 ? "held" : "published";

  const stored = attachment.value ? await storeAttachment(attachment.value.bytes) : null;
  try {
    for (let attempt = 0; attempt < 8; attempt++) {
      const receiptNumber = generateReceiptNumber(now);
      try {
        // The follower, if asked for, is written with the response: both or neither.
        const created = await prisma.$transaction(async (tx) => {
          const response = await tx.hearingResponse.create({
            data: {
              consultationId: consultation.id,
              receiptNumber,
              name: data.name,
              email: data.email,
              organisation: data.organisation,
              body: data.body,
              publication: data.publication,
              status,
              heldReasons: reasons.length > 0 ? [...new Set(reasons)].join(",") : null,
              attachmentName: attachment.value?.name ?? null,
              attachmentStored: stored,
              attachmentMime: attachment.value ? "application/pdf" : null,
              attachmentSize: attachment.value?.bytes.byteLength ?? null,
              createdAt: now,
            },
            select: { id: true, receiptNumber: true },
          });
          if (input.followOutcome === "on") {
            await startFollowing(tx, { consultationId: consultation.id, email: data.email, locale: mail.locale, origin: mail.origin, now });
          }
          return response;
        });
        if (input.followOutcome === "on") wakeMailWorker();
        return { ok: true, value: { ...created, publication: data.publication, status } };
      } catch (error) {
        // 31^6 codes a year make a collision rare; draw another number rather than fail the author.
        if (!isUniqueViolation(error, "receiptNumber")) throw error;
      }
    }
    throw new Error("Could not draw a free receipt number");
  } catch (error) {
    if (stored) await fs.rm(path.join(attachmentsDir(), stored), { force: true });
    throw error;
  }
}

function isUniqueViolation(error: unknown, field: string) {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === "P2002" &&
    JSON.stringify(error.meta ?? {}).includes(field)
  );
}

type AttachmentCheck = { ok: true; value: { bytes: Uint8Array; name: string } | null } | { ok: false; error: string };

/** PDF only, judged by the bytes: a web page or a program renamed to .pdf is refused. */
async function readAttachment(file: File | null): Promise<AttachmentCheck> {
  if (!file || (file.size === 0 && !file.name)) return { ok: true, value: null };
  if (file.size > maxAttachmentBytes) return { ok: false, error: "validation.attachmentTooLarge" };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (sniffDocumentType(bytes)?.mime !== "application/pdf") return { ok: false, error: "validation.attachmentNotPdf" };
  return { ok: true, value: { bytes, name: cleanFileName(file.name) } };
}

/** The name as the author chose it, for staff; control characters and paths never reach a header. */
function cleanFileName(name: string) {
  const base = name.split(/[/\\]/).pop() ?? "";
  const clean = base.replace(/[\p{Cc}\p{Cf}]+/gu, "").trim().slice(-200);
  return clean || "bilag.pdf";
}

/** Citizens' files live apart from the municipality's own documents: other rules apply to them. */
function attachmentsDir() {
  return path.join(getEnv().dataDir, "hearing-responses");
}

async function storeAttachment(bytes: Uint8Array) {
  const storedName = `${crypto.randomUUID()}.pdf`;
  const dir = attachmentsDir();
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, storedName), bytes, { flag: "wx" });
  return storedName;
}

// ---- Receipts ----

/**
 * What the receipt page may show. The URL can be shared, so it carries no name or e-mail: only the
 * number, the date and the publication choice.
 */
export async function getReceipt(slug: string, receiptNumber: string) {
  const number = normalizeReceiptNumber(receiptNumber);
  if (!number) return null;
  const row = await prisma.hearingResponse.findUnique({
    where: { receiptNumber: number },
    select: {
      receiptNumber: true,
      publication: true,
      createdAt: true,
      consultation: { select: { slug: true, title: true, kind: true, status: true, opensAt: true, closesAt: true, expectedDecisionAt: true } },
    },
  });
  if (!row || row.consultation.slug !== slug) return null;
  const c = row.consultation;
  return {
    receiptNumber: row.receiptNumber,
    publication: publicationOf(row.publication),
    createdAt: row.createdAt,
    consultation: { slug: c.slug, title: c.title, expectedDecisionAt: c.expectedDecisionAt },
  };
}

function publicationOf(value: string): Publication {
  // Unknown values are treated as the most protective choice.
  return isPublication(value) ? value : "private";
}

// ---- Public listing ----

export type PublishedHearingResponse = {
  id: string;
  receiptNumber: string;
  /** The author's name when they chose to be named; null for anonymous responses. */
  authorLabel: string | null;
  organisation: string | null;
  body: string;
  createdAt: Date;
  attachment: { url: string } | null;
};

const publicWhere = { status: "published", publication: { in: ["named", "anonymous"] } } satisfies Prisma.HearingResponseWhereInput;

/** Published, non-private responses, newest first. Anonymous ones never carry the name or organisation. */
export async function listPublishedResponses(consultationId: string): Promise<PublishedHearingResponse[]> {
  const rows = await prisma.hearingResponse.findMany({
    where: { consultationId, ...publicWhere },
    select: {
      id: true,
      receiptNumber: true,
      name: true,
      organisation: true,
      publication: true,
      body: true,
      createdAt: true,
      attachmentStored: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map((r) => {
    const named = r.publication === "named";
    return {
      id: r.id,
      receiptNumber: r.receiptNumber,
      authorLabel: named ? r.name : null,
      organisation: named ? r.organisation : null,
      body: r.body,
      createdAt: r.createdAt,
      attachment: r.attachmentStored ? { url: publicAttachmentUrl(r.id) } : null,
    };
  });
}

/** Every response received, whatever its status or publication: all are read. */
export async function countResponses(consultationId: string): Promise<number> {
  return prisma.hearingResponse.count({ where: { consultationId } });
}

export function publicAttachmentUrl(responseId: string) {
  return `/hoeringssvar/${responseId}/bilag`;
}

export function staffAttachmentUrl(responseId: string) {
  return `/admin/hearing-responses/${responseId}/attachment`;
}

export type AttachmentFile = { filePath: string; fileName: string; mimeType: string };

function toAttachmentFile(row: { attachmentStored: string | null; attachmentName: string | null; attachmentMime: string | null } | null): AttachmentFile | null {
  if (!row?.attachmentStored) return null;
  return {
    filePath: path.join(attachmentsDir(), row.attachmentStored),
    fileName: row.attachmentName ?? "bilag.pdf",
    mimeType: row.attachmentMime ?? "application/pdf",
  };
}

const attachmentSelect = { attachmentStored: true, attachmentName: true, attachmentMime: true } as const;

/** The attachment of a response the public may see: published and not private. */
export async function getPublicAttachment(responseId: string) {
  const row = await prisma.hearingResponse.findFirst({
    where: { id: responseId, ...publicWhere, consultation: { status: { not: "draft" } } },
    select: attachmentSelect,
  });
  return toAttachmentFile(row);
}

// ---- Staff ----

/** Every response to a hearing of the staff member's own municipality, newest first; null otherwise. */
export async function listResponsesForStaff(consultationId: string, municipalityId: string, now = new Date()) {
  const consultation = await prisma.consultation.findFirst({
    where: { id: consultationId, municipalityId },
    select: { id: true, slug: true, title: true, kind: true, status: true, opensAt: true, closesAt: true, expectedDecisionAt: true },
  });
  if (!consultation) return null;
  const rows = await prisma.hearingResponse.findMany({
    where: { consultationId },
    select: {
      id: true,
      receiptNumber: true,
      name: true,
      email: true,
      organisation: true,
      body: true,
      publication: true,
      status: true,
      heldReasons: true,
      attachmentName: true,
      attachmentStored: true,
      attachmentSize: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return {
    consultation: { ...consultation, status: effectiveStatus(consultation, now) },
    total: rows.length,
    responses: rows.map(({ attachmentStored, attachmentName, attachmentSize, heldReasons, ...r }) => ({
      ...r,
      publication: publicationOf(r.publication),
      status: r.status as ResponseStatus,
      heldReasons: heldReasons ? heldReasons.split(",").filter(Boolean) : [],
      attachment: attachmentStored
        ? { url: staffAttachmentUrl(r.id), name: attachmentName ?? "bilag.pdf", sizeBytes: attachmentSize ?? 0 }
        : null,
    })),
  };
}

export type StaffHearingResponse = NonNullable<Awaited<ReturnType<typeof listResponsesForStaff>>>["responses"][number];

/** Any response's attachment, whatever its status, for staff of the same municipality. */
export async function getStaffAttachment(responseId: string, municipalityId: string) {
  const row = await prisma.hearingResponse.findFirst({
    where: { id: responseId, consultation: { municipalityId } },
    select: attachmentSelect,
  });
  return toAttachmentFile(row);
}

/**
 * An attachment as an HTTP response: always PDF (it was checked on upload), shown inline; the
 * server's nosniff on every response keeps the browser from reading it as anything else.
 * Null when the file has gone from the disk.
 */
export async function attachmentResponse(file: AttachmentFile, cacheControl: string) {
  const stat = await fs.stat(file.filePath).catch(() => null);
  if (!stat) return null;
  const base = file.fileName.replace(/\.pdf$/i, "").replace(/[^\p{L}\p{N} ._-]+/gu, "").trim().slice(0, 80) || "bilag";
  return new Response(Readable.toWeb(createReadStream(file.filePath)) as ReadableStream, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(stat.size),
      "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(`${base}.pdf`)}`,
      "Cache-Control": cacheControl,
    },
  });
}

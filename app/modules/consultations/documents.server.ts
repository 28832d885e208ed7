/**
 * Documents attached to a consultation: links to the municipality's own pages, or files kept under
 * the data folder. Files are accepted by their content, not their name: only PDF and common
 * images, and never more than the size limit. Images are measured and stripped of their metadata
 * first (see modules/uploads/image-safety.ts).
 */
import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { fieldErrors, type CommandResult } from "~/utils/command.ts";
import { isImageMime, safeImage, type ImageRefusal } from "~/modules/uploads/image-safety.ts";
import type { Actor } from "./consultations.server.ts";

export const maxDocumentBytes = 10 * 1024 * 1024;

const signatures: { mime: string; ext: string; test: (b: Uint8Array) => boolean }[] = [
  { mime: "application/pdf", ext: "pdf", test: (b) => ascii(b, 0, 5) === "%PDF-" },
  { mime: "image/png", ext: "png", test: (b) => b[0] === 0x89 && ascii(b, 1, 4) === "PNG" },
  { mime: "image/jpeg", ext: "jpg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: "image/webp", ext: "webp", test: (b) => ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP" },
  { mime: "image/gif", ext: "gif", test: (b) => ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a" },
];

function ascii(bytes: Uint8Array, start: number, end: number) {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** The accepted type of a file's bytes, or null for anything else (HTML, SVG, executables…). */
export function sniffDocumentType(bytes: Uint8Array) {
  return signatures.find((s) => s.test(bytes)) ?? null;
}

const imageErrors: Record<ImageRefusal, string> = {
  unreadable: "validation.imageUnreadable",
  tooManyPixels: "validation.imageTooLarge",
  tooManyFrames: "validation.imageTooManyFrames",
};

/**
 * What is written to disk: a PDF as it came; an image only if its header's size is within limits
 * (checked before anything could decode it) and then without its metadata, so a photo's GPS
 * position or an editor's name is never published with it.
 */
function keptBytes(bytes: Uint8Array, mime: string): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  if (!isImageMime(mime)) return { ok: true, bytes };
  const image = safeImage(bytes, mime);
  return image.ok ? { ok: true, bytes: image.bytes } : { ok: false, error: imageErrors[image.reason] };
}

const documentTitle = z
  .string({ message: "validation.documentTitleRequired" })
  .transform((v) => v.trim())
  .pipe(z.string().min(2, "validation.documentTitleRequired").max(200, "validation.documentTitleTooLong"));

const linkInput = z.object({
  title: documentTitle,
  url: z
    .string({ message: "validation.documentUrlInvalid" })
    .trim()
    .pipe(z.url({ protocol: /^https?$/, message: "validation.documentUrlInvalid" }).max(2000, "validation.documentUrlInvalid")),
});

async function ownConsultation(consultationId: string, actor: Actor) {
  return prisma.consultation.findFirst({
    where: { id: consultationId, municipalityId: actor.municipalityId },
    select: { id: true, _count: { select: { documents: true } } },
  });
}

/** Background documents go with the consultation; outcome documents with its outcome report. */
export type DocumentPurpose = "background" | "outcome";

export async function addLinkDocument(
  consultationId: string,
  formData: Record<string, unknown>,
  actor: Actor,
  purpose: DocumentPurpose = "background",
): Promise<CommandResult<{ id: string }>> {
  const consultation = await ownConsultation(consultationId, actor);
  if (!consultation) return { ok: false, errors: { form: "validation.notFound" } };
  const parsed = linkInput.safeParse(formData);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const doc = await prisma.consultationDocument.create({
    data: { consultationId, ...parsed.data, position: consultation._count.documents, purpose },
    select: { id: true },
  });
  return { ok: true, value: doc };
}

export async function addFileDocument(
  consultationId: string,
  input: { title: unknown; file: File | null },
  actor: Actor,
  purpose: DocumentPurpose = "background",
): Promise<CommandResult<{ id: string }>> {
  const consultation = await ownConsultation(consultationId, actor);
  if (!consultation) return { ok: false, errors: { form: "validation.notFound" } };
  const title = documentTitle.safeParse(input.title);
  if (!title.success) return { ok: false, errors: { title: title.error.issues[0].message } };
  const file = input.file;
  if (!file || file.size === 0) return { ok: false, errors: { file: "validation.fileRequired" } };
  if (file.size > maxDocumentBytes) return { ok: false, errors: { file: "validation.fileTooLarge" } };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffDocumentType(bytes);
  if (!type) return { ok: false, errors: { file: "validation.fileType" } };
  const stored = keptBytes(bytes, type.mime);
  if (!stored.ok) return { ok: false, errors: { file: stored.error } };

  const storedName = `${crypto.randomUUID()}.${type.ext}`;
  const dir = uploadsDir();
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, storedName), stored.bytes, { flag: "wx" });
  try {
    const doc = await prisma.consultationDocument.create({
      data: {
        consultationId,
        title: title.data,
        storedName,
        mimeType: type.mime,
        sizeBytes: stored.bytes.byteLength,
        position: consultation._count.documents,
        purpose,
      },
      select: { id: true },
    });
    return { ok: true, value: doc };
  } catch (error) {
    await fs.rm(path.join(dir, storedName), { force: true });
    throw error;
  }
}

export async function removeDocument(documentId: string, actor: Actor) {
  const doc = await prisma.consultationDocument.findFirst({
    where: { id: documentId, consultation: { municipalityId: actor.municipalityId } },
    select: { id: true, storedName: true },
  });
  if (!doc) return false;
  await prisma.consultationDocument.delete({ where: { id: doc.id } });
  if (doc.storedName) await fs.rm(path.join(uploadsDir(), doc.storedName), { force: true });
  return true;
}

export function uploadsDir() {
  return path.join(getEnv().dataDir, "uploads");
}

/** A stored file of a public consultation, for download. */
export async function getPublicDocumentFile(documentId: string) {
  const doc = await prisma.consultationDocument.findUnique({
    where: { id: documentId },
    select: { title: true, storedName: true, mimeType: true, consultation: { select: { status: true } } },
  });
  if (!doc?.storedName || !doc.mimeType || doc.consultation.status === "draft") return null;
  return { title: doc.title, mimeType: doc.mimeType, filePath: path.join(uploadsDir(), doc.storedName) };
}

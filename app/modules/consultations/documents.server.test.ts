import fs from "node:fs";
import path from "node:path";
import { prisma } from "~/utils/db.server.ts";
import { createConsultation, createMunicipality, createStaff } from "../../../tests/factories.ts";
import { addFileDocument, addLinkDocument, getPublicDocumentFile, maxDocumentBytes, removeDocument, sniffDocumentType, uploadsDir } from "./documents.server.ts";
import { bytesOf, contains, gpsLatitudeBytes, jpegWithMetadata, jpegWithoutMetadata, png, pngChunk, pngHeader, pngSignature } from "../uploads/test-images.ts";

const pdf = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

async function setup() {
  const m = await createMunicipality();
  const editor = await createStaff(m.id);
  const c = await createConsultation(m.id);
  return { c, actor: { id: editor.id, municipalityId: m.id } };
}

describe("consultation documents", () => {
  it("accepts a real PDF and serves it back byte for byte", async () => {
    const { c, actor } = await setup();
    const result = await addFileDocument(c.id, { title: "Lokalplanforslag", file: new File([pdf], "forslag.pdf") }, actor);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const stored = await getPublicDocumentFile(result.value.id);
    expect(stored?.mimeType).toBe("application/pdf");
    expect(new Uint8Array(fs.readFileSync(stored!.filePath))).toEqual(pdf);
  });

  it("judges a file by its content: an HTML page named .pdf is refused and nothing is stored", async () => {
    const { c, actor } = await setup();
    const html = new File(["<html><script>alert(1)</script></html>"], "forslag.pdf", { type: "application/pdf" });
    const result = await addFileDocument(c.id, { title: "Forklædt", file: html }, actor);
    expect(result.ok ? null : result.errors.file).toBe("validation.fileType");
    expect(await prisma.consultationDocument.count({ where: { consultationId: c.id } })).toBe(0);
    expect(sniffDocumentType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
  });

  it("a photo is stored without its GPS position and other metadata, its picture untouched", async () => {
    const { c, actor } = await setup();
    const photo = jpegWithMetadata(8, 8);
    expect(contains(photo, gpsLatitudeBytes)).toBe(true);
    const result = await addFileDocument(c.id, { title: "Foto af grunden", file: new File([photo], "IMG_2041.jpg") }, actor);
    if (!result.ok) throw new Error(`upload failed: ${JSON.stringify(result.errors)}`);
    const stored = await getPublicDocumentFile(result.value.id);
    expect(stored?.mimeType).toBe("image/jpeg");
    const kept = new Uint8Array(fs.readFileSync(stored!.filePath));
    expect(contains(kept, gpsLatitudeBytes)).toBe(false);
    expect(contains(kept, "Exif")).toBe(false);
    expect(kept).toEqual(jpegWithoutMetadata(8, 8));
    const row = await prisma.consultationDocument.findUniqueOrThrow({ where: { id: result.value.id } });
    expect(row.sizeBytes).toBe(kept.byteLength);
  });

  it("a pixel bomb or a damaged image is refused with its own message, and nothing is stored", async () => {
    const { c, actor } = await setup();
    const filesBefore = fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()).length : 0;
    const bomb = bytesOf(pngSignature, pngHeader(100_000, 100_000), pngChunk("IDAT", bytesOf([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), pngChunk("IEND"));
    const refused = await addFileDocument(c.id, { title: "Kort", file: new File([bomb], "kort.png") }, actor);
    expect(refused.ok ? null : refused.errors.file).toBe("validation.imageTooLarge");
    const damaged = await addFileDocument(c.id, { title: "Kort", file: new File([png(40, 30).subarray(0, 60)], "kort.png") }, actor);
    expect(damaged.ok ? null : damaged.errors.file).toBe("validation.imageUnreadable");
    // An SVG (which can carry script) renamed to .png is still judged by its content.
    const svg = new File(["<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"], "kort.png", { type: "image/png" });
    const disguised = await addFileDocument(c.id, { title: "Kort", file: svg }, actor);
    expect(disguised.ok ? null : disguised.errors.file).toBe("validation.fileType");
    expect(await prisma.consultationDocument.count({ where: { consultationId: c.id } })).toBe(0);
    expect(fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()).length : 0).toBe(filesBefore);
  });

  it("refuses files over the size limit and empty files", async () => {
    const { c, actor } = await setup();
    const big = new File([new Uint8Array(maxDocumentBytes + 1)], "stor.pdf");
    expect((await addFileDocument(c.id, { title: "Stor fil", file: big }, actor)).ok).toBe(false);
    expect((await addFileDocument(c.id, { title: "Tom fil", file: new File([], "tom.pdf") }, actor)).ok).toBe(false);
  });

  it("links must be http(s) addresses", async () => {
    const { c, actor } = await setup();
    for (const url of ["javascript:alert(1)", "ftp://fjordby.dk/x", "ikke en adresse"]) {
      const result = await addLinkDocument(c.id, { title: "Link", url }, actor);
      expect(result.ok ? null : result.errors.url).toBe("validation.documentUrlInvalid");
    }
    expect((await addLinkDocument(c.id, { title: "Kort", url: "https://www.fjordby.dk/kort" }, actor)).ok).toBe(true);
  });

  it("removing a document deletes its file too", async () => {
    const { c, actor } = await setup();
    const result = await addFileDocument(c.id, { title: "Bilag", file: new File([pdf], "bilag.pdf") }, actor);
    if (!result.ok) throw new Error("upload failed");
    const stored = await getPublicDocumentFile(result.value.id);
    expect(await removeDocument(result.value.id, actor)).toBe(true);
    expect(fs.existsSync(stored!.filePath)).toBe(false);
    expect(fs.readdirSync(path.dirname(stored!.filePath))).not.toContain(path.basename(stored!.filePath));
  });

  it("files of draft consultations are not served to the public", async () => {
    const m = await createMunicipality();
    const editor = await createStaff(m.id);
    const draft = await createConsultation(m.id, { status: "draft" });
    const result = await addFileDocument(draft.id, { title: "Udkast", file: new File([pdf], "u.pdf") }, { id: editor.id, municipalityId: m.id });
    if (!result.ok) throw new Error("upload failed");
    expect(await getPublicDocumentFile(result.value.id)).toBeNull();
  });
});

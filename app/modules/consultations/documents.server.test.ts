import fs from "node:fs";
import path from "node:path";
import { prisma } from "~/utils/db.server.ts";
import { createConsultation, createMunicipality, createStaff } from "../../../tests/factories.ts";
import { addFileDocument, addLinkDocument, getPublicDocumentFile, maxDocumentBytes, removeDocument, sniffDocumentType } from "./documents.server.ts";

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

import fs from "node:fs";
import path from "node:path";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { screenText } from "~/modules/moderation/screening.ts";
import { createConsultation, createMunicipality } from "../../../tests/factories.ts";
import { createNamedStaff, pdfBytes, pdfFile, validResponseForm } from "../../../tests/hearing-factories.ts";
import { jpegWithMetadata } from "~/modules/uploads/test-images.ts";
import { generateReceiptNumber, isReceiptNumber, normalizeReceiptNumber } from "./receipt.ts";
import {
  countResponses,
  getPublicAttachment,
  getReceipt,
  getStaffAttachment,
  listPublishedResponses,
  listResponsesForStaff,
  maxAttachmentBytes,
  submitHearingResponse,
} from "./hearing-responses.server.ts";

// The real screening runs; wrapping it lets a test see which employee names it was given.
vi.mock("~/modules/moderation/screening.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/modules/moderation/screening.ts")>();
  return { ...actual, screenText: vi.fn(actual.screenText) };
});

// The real generator, wrapped so a test can force a collision.
vi.mock("./receipt.ts", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./receipt.ts")>();
  return { ...actual, generateReceiptNumber: vi.fn(actual.generateReceiptNumber) };
});

const second = 1000;

async function openHearing(overrides: Parameters<typeof createConsultation>[1] = {}) {
  const municipality = await createMunicipality();
  const hearing = await createConsultation(municipality.id, { kind: "hearing", status: "open", ...overrides });
  return { municipality, hearing };
}

function attachmentFiles() {
  const dir = path.join(getEnv().dataDir, "hearing-responses");
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe("sending a hearing response", () => {
  it("a valid named response gets a receipt and is listed publicly with the author's name", async () => {
    const { hearing } = await openHearing();
    const result = await submitHearingResponse(
      hearing.id,
      validResponseForm({ name: "  Karen Strandgaard ", organisation: "Strandhøj Grundejerforening", publication: "named" }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(isReceiptNumber(result.value.receiptNumber)).toBe(true);
    expect(result.value.status).toBe("published");

    const listed = await listPublishedResponses(hearing.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      receiptNumber: result.value.receiptNumber,
      authorLabel: "Karen Strandgaard",
      organisation: "Strandhøj Grundejerforening",
      attachment: null,
    });
    expect(await countResponses(hearing.id)).toBe(1);
  });

  it("an anonymous response is listed without the author's name, organisation or e-mail", async () => {
    const { hearing } = await openHearing();
    const form = validResponseForm({ name: "Ole Sørensen Bak", organisation: "Ellemose Borgerforening", publication: "anonymous" });
    const result = await submitHearingResponse(hearing.id, form);
    expect(result.ok).toBe(true);

    const listed = await listPublishedResponses(hearing.id);
    expect(listed).toHaveLength(1);
    expect(listed[0].authorLabel).toBeNull();
    expect(listed[0].organisation).toBeNull();
    const exposed = JSON.stringify(listed);
    expect(exposed).not.toContain("Ole Sørensen Bak");
    expect(exposed).not.toContain("Ellemose Borgerforening");
    expect(exposed).not.toContain(String(form.email));
  });

  it("a private response is counted as received but never listed publicly", async () => {
    const { hearing } = await openHearing();
    await submitHearingResponse(hearing.id, validResponseForm({ publication: "named" }));
    const hidden = await submitHearingResponse(hearing.id, validResponseForm({ publication: "private", body: "Kun til kommunen." }));
    expect(hidden.ok).toBe(true);

    const listed = await listPublishedResponses(hearing.id);
    expect(listed).toHaveLength(1);
    expect(listed.some((r) => r.body === "Kun til kommunen.")).toBe(false);
    expect(await countResponses(hearing.id)).toBe(2);
  });

  it("published responses are listed newest first", async () => {
    const { hearing } = await openHearing();
    const now = Date.now();
    await submitHearingResponse(hearing.id, validResponseForm({ body: "Først" }), new Date(now - 60 * second));
    await submitHearingResponse(hearing.id, validResponseForm({ body: "Sidst" }), new Date(now - 30 * second));
    expect((await listPublishedResponses(hearing.id)).map((r) => r.body)).toEqual(["Sidst", "Først"]);
  });

  it("an invalid submission stores nothing and says what is wrong with each field", async () => {
    const { hearing } = await openHearing();
    const result = await submitHearingResponse(hearing.id, {
      name: "   ",
      email: "ikke-en-adresse",
      organisation: "x".repeat(201),
      body: " \n\t  \r\n ",
      publication: "everyone",
      attachment: null,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      name: "validation.nameRequired",
      email: "validation.emailInvalid",
      organisation: "validation.organisationTooLong",
      body: "validation.bodyRequired",
      publication: "validation.publicationRequired",
    });
    expect(await countResponses(hearing.id)).toBe(0);
  });

  it("the text may be 20,000 characters after trimming, not one more", async () => {
    const { hearing } = await openHearing();
    const exact = await submitHearingResponse(hearing.id, validResponseForm({ body: `  ${"a".repeat(20_000)}\n\n` }));
    expect(exact.ok).toBe(true);
    const tooLong = await submitHearingResponse(hearing.id, validResponseForm({ body: "a".repeat(20_001) }));
    expect(tooLong.ok ? null : tooLong.errors.body).toBe("validation.bodyTooLong");
    // Line breaks as browsers send them (CRLF) count once, as the author saw them.
    const crlf = await submitHearingResponse(hearing.id, validResponseForm({ body: "ab\r\n".repeat(5_000).trim() }));
    expect(crlf.ok).toBe(true);
    expect(await countResponses(hearing.id)).toBe(2);
  });
});

describe("the deadline and the kind", () => {
  it("a response one second after the closing time is refused and stores nothing", async () => {
    const closesAt = new Date(Date.now() + 3600 * second);
    const { hearing } = await openHearing({ closesAt });
    const late = await submitHearingResponse(hearing.id, validResponseForm(), new Date(closesAt.getTime() + second));
    expect(late.ok ? null : late.errors.form).toBe("validation.closed");
    expect(await countResponses(hearing.id)).toBe(0);

    // Even before the background ticker has written the status, and also exactly at the deadline.
    const atDeadline = await submitHearingResponse(hearing.id, validResponseForm(), closesAt);
    expect(atDeadline.ok).toBe(false);

    const inTime = await submitHearingResponse(hearing.id, validResponseForm(), new Date(closesAt.getTime() - second));
    expect(inTime.ok).toBe(true);
    expect(await countResponses(hearing.id)).toBe(1);
  });

  it("a hearing that has not opened yet refuses responses", async () => {
    const opensAt = new Date(Date.now() + 3600 * second);
    const { hearing } = await openHearing({ status: "scheduled", opensAt, closesAt: new Date(opensAt.getTime() + 7 * 24 * 3600 * second) });
    const early = await submitHearingResponse(hearing.id, validResponseForm(), new Date(opensAt.getTime() - second));
    expect(early.ok ? null : early.errors.form).toBe("validation.notOpenYet");
    const onTime = await submitHearingResponse(hearing.id, validResponseForm(), opensAt);
    expect(onTime.ok).toBe(true);
  });

  it("a response to a participation consultation is refused", async () => {
    const municipality = await createMunicipality();
    const participation = await createConsultation(municipality.id, { kind: "participation", status: "open" });
    const result = await submitHearingResponse(participation.id, validResponseForm());
    expect(result.ok ? null : result.errors.form).toBe("validation.notHearing");
    expect(await countResponses(participation.id)).toBe(0);
  });

  it("a draft hearing refuses responses", async () => {
    const municipality = await createMunicipality();
    const draft = await createConsultation(municipality.id, { kind: "hearing", status: "draft" });
    expect((await submitHearingResponse(draft.id, validResponseForm())).ok).toBe(false);
  });
});

describe("screening", () => {
  it("a response with a CPR number is held and not listed, but counted and shown to staff", async () => {
    const { municipality, hearing } = await openHearing();
    const result = await submitHearingResponse(
      hearing.id,
      validResponseForm({ body: "Jeg er nabo til strækningen. Mit CPR-nummer er 010190-1234, hvis I skal bruge det." }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.status).toBe("held");
    expect(await listPublishedResponses(hearing.id)).toEqual([]);
    expect(await countResponses(hearing.id)).toBe(1);

    const staff = await listResponsesForStaff(hearing.id, municipality.id);
    expect(staff?.responses[0]).toMatchObject({ status: "held", heldReasons: expect.arrayContaining(["cpr"]) });
  });

  it("protects the names of the municipality's employees, not of its politicians", async () => {
    const { municipality, hearing } = await openHearing();
    await createNamedStaff(municipality.id, "Bodil Kjærsgaard", "editor");
    await createNamedStaff(municipality.id, "Torben Munk", "moderator");
    await createNamedStaff(municipality.id, "Mette Borgmester Lund", "politician");
    const other = await createMunicipality();
    await createNamedStaff(other.id, "Fremmed Medarbejder", "admin");
    vi.mocked(screenText).mockClear();

    const result = await submitHearingResponse(hearing.id, validResponseForm({ body: "Sagsbehandleren Bodil Kjærsgaard svarede aldrig på min mail." }));
    const names = vi.mocked(screenText).mock.calls[0][1].employeeNames;
    expect([...names].sort()).toEqual(["Bodil Kjærsgaard", "Torben Munk"]);
    expect(result.ok && result.value.status).toBe("held");
  });
});

describe("attachments", () => {
  it("a PDF is stored and served publicly only while the response is published and not private", async () => {
    const { municipality, hearing } = await openHearing();
    const named = await submitHearingResponse(hearing.id, validResponseForm({ attachment: pdfFile("høringssvar.pdf") }));
    const privately = await submitHearingResponse(hearing.id, validResponseForm({ publication: "private", attachment: pdfFile() }));
    if (!named.ok || !privately.ok) throw new Error("submission failed");

    const listed = await listPublishedResponses(hearing.id);
    expect(listed[0].attachment).toEqual({ url: `/hoeringssvar/${named.value.id}/bilag` });
    const file = await getPublicAttachment(named.value.id);
    expect(new Uint8Array(fs.readFileSync(file!.filePath))).toEqual(pdfBytes);
    expect(file!.fileName).toBe("høringssvar.pdf");

    expect(await getPublicAttachment(privately.value.id)).toBeNull();
    // Staff of the municipality see every attachment; staff elsewhere none.
    expect(await getStaffAttachment(privately.value.id, municipality.id)).not.toBeNull();
    expect(await getStaffAttachment(privately.value.id, (await createMunicipality()).id)).toBeNull();

    await prisma.hearingResponse.update({ where: { id: named.value.id }, data: { status: "hidden" } });
    expect(await getPublicAttachment(named.value.id)).toBeNull();
  });

  it("a disguised non-PDF attachment is refused, with the other fields' errors, and nothing is stored", async () => {
    const { hearing } = await openHearing();
    const before = attachmentFiles().length;
    const html = new File(["<html><script>alert(1)</script></html>"], "svar.pdf", { type: "application/pdf" });
    const result = await submitHearingResponse(hearing.id, validResponseForm({ attachment: html, body: "" }));
    expect(result.ok ? null : result.errors).toEqual({ attachment: "validation.attachmentNotPdf", body: "validation.bodyRequired" });

    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], "kort.pdf");
    const image = await submitHearingResponse(hearing.id, validResponseForm({ attachment: png }));
    expect(image.ok ? null : image.errors.attachment).toBe("validation.attachmentNotPdf");

    expect(await countResponses(hearing.id)).toBe(0);
    expect(attachmentFiles()).toHaveLength(before);
  });

  it("a phone photo is not taken as an attachment, even renamed .pdf: its GPS position is never stored", async () => {
    // Attachments are PDF only. Should images ever be allowed here, they must go through
    // modules/uploads/image-safety.ts first, as consultation documents do.
    const { hearing } = await openHearing();
    const before = attachmentFiles().length;
    for (const name of ["IMG_2041.jpg", "IMG_2041.pdf"]) {
      const photo = new File([jpegWithMetadata()], name, { type: "application/pdf" });
      const result = await submitHearingResponse(hearing.id, validResponseForm({ attachment: photo }));
      expect(result.ok ? null : result.errors.attachment).toBe("validation.attachmentNotPdf");
    }
    expect(await countResponses(hearing.id)).toBe(0);
    expect(attachmentFiles()).toHaveLength(before);
  });

  it("an attachment over 10 MB is refused; no file chosen is no attachment", async () => {
    const { hearing } = await openHearing();
    const big = new File([pdfBytes, new Uint8Array(maxAttachmentBytes)], "stor.pdf");
    const result = await submitHearingResponse(hearing.id, validResponseForm({ attachment: big }));
    expect(result.ok ? null : result.errors.attachment).toBe("validation.attachmentTooLarge");

    // A form without a chosen file posts an empty part without a name.
    const none = await submitHearingResponse(hearing.id, validResponseForm({ attachment: new File([], "") }));
    expect(none.ok).toBe(true);
    expect((await listPublishedResponses(hearing.id))[0].attachment).toBeNull();
  });
});

describe("receipts", () => {
  it("receipt numbers have the right format, the year in Danish time, and are unique", async () => {
    const drawn = Array.from({ length: 2000 }, () => generateReceiptNumber(new Date("2026-06-01T12:00:00Z")));
    for (const number of drawn) expect(number).toMatch(/^HS-2026-[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
    expect(new Set(drawn).size).toBe(drawn.length);
    // 23:30 UTC on New Year's Eve is already the new year in Denmark.
    expect(generateReceiptNumber(new Date("2026-12-31T23:30:00Z"))).toMatch(/^HS-2027-/);
    expect(normalizeReceiptNumber(" hs-2026-4kq7m2 ")).toBe("HS-2026-4KQ7M2");
    expect(normalizeReceiptNumber("HS-2026-0OI1L0")).toBeNull();

    const { hearing } = await openHearing();
    const a = await submitHearingResponse(hearing.id, validResponseForm());
    const b = await submitHearingResponse(hearing.id, validResponseForm());
    expect(a.ok && b.ok && a.value.receiptNumber !== b.value.receiptNumber).toBe(true);
  });

  it("a receipt number that is already taken is drawn again instead of failing the author", async () => {
    const { hearing } = await openHearing();
    const first = await submitHearingResponse(hearing.id, validResponseForm());
    if (!first.ok) throw new Error("submission failed");
    vi.mocked(generateReceiptNumber).mockReturnValueOnce(first.value.receiptNumber);
    const second = await submitHearingResponse(hearing.id, validResponseForm());
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.value.receiptNumber).not.toBe(first.value.receiptNumber);
    expect(await countResponses(hearing.id)).toBe(2);
  });

  it("the receipt shows number, date and publication choice, never the name or e-mail, and only under its own hearing", async () => {
    const { municipality, hearing } = await openHearing();
    const form = validResponseForm({ name: "Karen Strandgaard", publication: "anonymous" });
    const result = await submitHearingResponse(hearing.id, form);
    if (!result.ok) throw new Error("submission failed");
    const receipt = await getReceipt(hearing.slug, result.value.receiptNumber.toLowerCase());
    expect(receipt).toMatchObject({ receiptNumber: result.value.receiptNumber, publication: "anonymous" });
    expect(receipt?.createdAt).toBeInstanceOf(Date);
    expect(JSON.stringify(receipt)).not.toContain("Karen");
    expect(JSON.stringify(receipt)).not.toContain(String(form.email));

    const other = await createConsultation(municipality.id, { kind: "hearing" });
    expect(await getReceipt(other.slug, result.value.receiptNumber)).toBeNull();
    expect(await getReceipt(hearing.slug, "HS-2026-AAAAAA")).toBeNull();
  });
});

describe("the staff list", () => {
  it("shows every response, private and held ones too, only to staff of the same municipality", async () => {
    const { municipality, hearing } = await openHearing();
    await submitHearingResponse(hearing.id, validResponseForm({ publication: "named" }));
    await submitHearingResponse(hearing.id, validResponseForm({ publication: "private", organisation: "Fjordby Handelsstandsforening" }));
    await submitHearingResponse(hearing.id, validResponseForm({ publication: "anonymous", body: "Ring på 20 30 40 50 eller skriv til karen@eksempel.dk" }));

    const list = await listResponsesForStaff(hearing.id, municipality.id);
    expect(list?.total).toBe(3);
    expect(list?.responses.map((r) => r.publication).sort()).toEqual(["anonymous", "named", "private"]);
    expect(list?.responses.every((r) => r.name && r.email)).toBe(true);
    expect(list?.responses.find((r) => r.publication === "private")?.organisation).toBe("Fjordby Handelsstandsforening");

    expect(await listResponsesForStaff(hearing.id, (await createMunicipality()).id)).toBeNull();
  });
});

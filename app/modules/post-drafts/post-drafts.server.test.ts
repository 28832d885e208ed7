import { prisma } from "~/utils/db.server.ts";
import { createConsultation, createMunicipality } from "../../../tests/factories.ts";
import { createNamedStaff } from "../../../tests/hearing-factories.ts";
import { actor, validDraft, validDraftRequest } from "../../../tests/post-draft-factories.ts";
import {
  handBackPostDraft,
  listOpenPostDraftRequests,
  listOwnPostDrafts,
  listPostDraftLog,
  listRequestableConsultations,
  postDraftLogCsv,
  requestPostDraft,
  withdrawPostDraftRequest,
} from "./post-drafts.server.ts";

async function setUp() {
  const municipality = await createMunicipality();
  const hearing = await createConsultation(municipality.id, { kind: "hearing", status: "open" });
  const lene = actor(await createNamedStaff(municipality.id, "Lene Dahl Kristensen", "politician"));
  const sofie = actor(await createNamedStaff(municipality.id, "Sofie Holm Madsen", "editor"));
  return { municipality, hearing, lene, sofie };
}

async function requested(politician: ReturnType<typeof actor>, consultationId: string, overrides: Record<string, unknown> = {}, at = new Date()) {
  const result = await requestPostDraft(politician, validDraftRequest(consultationId, overrides), at);
  if (!result.ok) throw new Error(`request refused: ${JSON.stringify(result.errors)}`);
  return result.value.id;
}

const rowOf = (id: string) => prisma.postDraftRequest.findUniqueOrThrow({ where: { id } });

describe("asking for a draft post", () => {
  it("stores a politician's request and lists it for staff, newest first, with who asked", async () => {
    const { municipality, hearing, lene } = await setUp();
    const first = await requested(lene, hearing.id, { request: "  Fortæl om borgermødet i Strandhøj.\r\nOg om fristen.  " }, new Date("2026-11-20T08:00:00Z"));
    const second = await requested(lene, hearing.id, { request: "Et opslag om, at høringen er åben nu." }, new Date("2026-11-20T09:00:00Z"));

    const row = await rowOf(first);
    expect(row).toMatchObject({
      politicianId: lene.id,
      consultationId: hearing.id,
      topic: "consultation",
      status: "requested",
      request: "Fortæl om borgermødet i Strandhøj.\nOg om fristen.",
      drafterId: null,
      draftText: null,
    });

    const open = await listOpenPostDraftRequests(municipality.id);
    expect(open.map((r) => r.id)).toEqual([second, first]);
    expect(open[1]).toMatchObject({
      politician: { name: "Lene Dahl Kristensen" },
      consultation: { id: hearing.id, title: hearing.title, slug: hearing.slug },
      request: "Fortæl om borgermødet i Strandhøj.\nOg om fristen.",
    });
  });

  it("refuses a request that is too short or too long, storing nothing", async () => {
    const { hearing, lene } = await setUp();
    const short = await requestPostDraft(lene, validDraftRequest(hearing.id, { request: "Kort" }));
    expect(short).toEqual({ ok: false, errors: { request: "validation.requestTooShort" } });
    const long = await requestPostDraft(lene, validDraftRequest(hearing.id, { request: "x".repeat(2001) }));
    expect(long).toEqual({ ok: false, errors: { request: "validation.requestTooLong" } });
    const noTopic = await requestPostDraft(lene, validDraftRequest(hearing.id, { topic: "campaign" }));
    expect(noTopic).toEqual({ ok: false, errors: { topic: "validation.topicRequired" } });
    expect(await prisma.postDraftRequest.count({ where: { politicianId: lene.id } })).toBe(0);
  });

  it("refuses an outcome draft for a consultation without a published outcome, and accepts one with", async () => {
    const { municipality, hearing, lene } = await setUp();
    const refused = await requestPostDraft(lene, validDraftRequest(hearing.id, { topic: "outcome" }));
    expect(refused).toEqual({ ok: false, errors: { topic: "errors.outcomeNotPublished" } });
    const closed = await createConsultation(municipality.id, { status: "closed" });
    expect(await requestPostDraft(lene, validDraftRequest(closed.id, { topic: "outcome" }))).toEqual({
      ok: false,
      errors: { topic: "errors.outcomeNotPublished" },
    });
    expect(await prisma.postDraftRequest.count({ where: { politicianId: lene.id } })).toBe(0);

    const decided = await createConsultation(municipality.id, { status: "outcome_published" });
    const accepted = await requestPostDraft(lene, validDraftRequest(decided.id, { topic: "outcome" }));
    expect(accepted.ok).toBe(true);

    const listed = await listRequestableConsultations(municipality.id);
    expect(listed.find((c) => c.id === decided.id)?.outcomePublished).toBe(true);
    expect(listed.find((c) => c.id === hearing.id)?.outcomePublished).toBe(false);
  });

  it("only takes consultations of the politician's own municipality that are public and not archived", async () => {
    const { municipality, lene } = await setUp();
    const elsewhere = await createMunicipality();
    const foreign = await createConsultation(elsewhere.id, { status: "open" });
    const draft = await createConsultation(municipality.id, { status: "draft" });
    const archived = await createConsultation(municipality.id, { status: "archived" });
    for (const c of [foreign, draft, archived]) {
      expect(await requestPostDraft(lene, validDraftRequest(c.id))).toEqual({
        ok: false,
        errors: { consultationId: "errors.consultationNotFound" },
      });
    }
    const listed = (await listRequestableConsultations(municipality.id)).map((c) => c.id);
    expect(listed).not.toContain(foreign.id);
    expect(listed).not.toContain(draft.id);
    expect(listed).not.toContain(archived.id);
  });

  it("is for politicians only: staff cannot ask on a politician's behalf", async () => {
    const { hearing, sofie } = await setUp();
    expect(await requestPostDraft(sofie, validDraftRequest(hearing.id))).toEqual({ ok: false, errors: { form: "errors.notAllowed" } });
  });
});

describe("handing a draft back", () => {
  it("is refused without all three checklist items ticked, and nothing is stored", async () => {
    const { municipality, hearing, lene, sofie } = await setUp();
    const id = await requested(lene, hearing.id);
    for (const neutrality of [[], ["facts", "nonPartisan"], ["facts", "noAttacks", "noAttacks"], undefined]) {
      const result = await handBackPostDraft(sofie, id, validDraft({ neutrality }));
      expect(result).toEqual({ ok: false, errors: { neutrality: "validation.checklistIncomplete" } });
    }
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "requested", drafterId: null, draftText: null, cardFormat: null, draftedAt: null, neutralityConfirmedAt: null });
    expect((await listOpenPostDraftRequests(municipality.id)).map((r) => r.id)).toEqual([id]);
    expect((await listOwnPostDrafts(lene))[0].draftText).toBeNull();
  });

  it("checks the text and the card format", async () => {
    const { hearing, lene, sofie } = await setUp();
    const id = await requested(lene, hearing.id);
    expect(await handBackPostDraft(sofie, id, validDraft({ draftText: "Kort" }))).toEqual({ ok: false, errors: { draftText: "validation.draftTooShort" } });
    expect(await handBackPostDraft(sofie, id, validDraft({ draftText: "x".repeat(3001) }))).toEqual({ ok: false, errors: { draftText: "validation.draftTooLong" } });
    expect(await handBackPostDraft(sofie, id, validDraft({ cardFormat: "banner" }))).toEqual({ ok: false, errors: { cardFormat: "validation.cardFormatRequired" } });
    expect((await rowOf(id)).status).toBe("requested");
  });

  it("stores the draft, the card, the drafter and the times, and shows it to the requesting politician only", async () => {
    const { municipality, hearing, lene, sofie } = await setUp();
    const anders = actor(await createNamedStaff(municipality.id, "Anders Bruun", "politician"));
    const id = await requested(lene, hearing.id);
    const theirs = await requested(anders, hearing.id);
    const at = new Date("2026-11-23T10:15:00Z");

    const result = await handBackPostDraft(sofie, id, validDraft({ draftText: "Høringen om cykelstien er åben.\r\nSend dit svar inden fristen.", cardFormat: "post" }), at);
    expect(result).toEqual({ ok: true, value: { id, cardFormat: "post", politicianName: "Lene Dahl Kristensen" } });

    const own = await listOwnPostDrafts(lene);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({
      id,
      status: "drafted",
      draftText: "Høringen om cykelstien er åben.\nSend dit svar inden fristen.",
      cardFormat: "post",
      drafter: { name: "Sofie Holm Madsen" },
      draftedAt: at,
      neutralityConfirmedAt: at,
      consultation: { slug: hearing.slug },
    });

    // Another politician of the same council sees only their own, still open, request.
    const others = await listOwnPostDrafts(anders);
    expect(others.map((r) => r.id)).toEqual([theirs]);
    expect(JSON.stringify(others)).not.toContain("cykelstien er åben");

    // Drafted requests leave the open list but stay in the log.
    expect((await listOpenPostDraftRequests(municipality.id)).map((r) => r.id)).toEqual([theirs]);
    expect((await listPostDraftLog(municipality.id)).map((r) => r.id).sort()).toEqual([id, theirs].sort());
  });

  it("refuses to draft a request that is already drafted or withdrawn", async () => {
    const { hearing, lene, sofie } = await setUp();
    const drafted = await requested(lene, hearing.id);
    expect((await handBackPostDraft(sofie, drafted, validDraft({ draftText: "Den første version af udkastet." }))).ok).toBe(true);
    expect(await handBackPostDraft(sofie, drafted, validDraft({ draftText: "En anden version, der ikke må gemmes." }))).toEqual({
      ok: false,
      errors: { form: "errors.notOpen" },
    });
    expect((await rowOf(drafted)).draftText).toBe("Den første version af udkastet.");

    const withdrawn = await requested(lene, hearing.id);
    expect((await withdrawPostDraftRequest(lene, withdrawn)).ok).toBe(true);
    expect(await handBackPostDraft(sofie, withdrawn, validDraft())).toEqual({ ok: false, errors: { form: "errors.notOpen" } });
    expect(await rowOf(withdrawn)).toMatchObject({ status: "withdrawn", draftText: null, drafterId: null });
  });

  it("is for editors and admins of the same municipality only", async () => {
    const { municipality, hearing, lene } = await setUp();
    const id = await requested(lene, hearing.id);
    const moderator = actor(await createNamedStaff(municipality.id, "Camilla Friis", "moderator"));
    expect(await handBackPostDraft(moderator, id, validDraft())).toEqual({ ok: false, errors: { form: "errors.notAllowed" } });
    expect(await handBackPostDraft(lene, id, validDraft())).toEqual({ ok: false, errors: { form: "errors.notAllowed" } });

    const elsewhere = await createMunicipality();
    const foreignEditor = actor(await createNamedStaff(elsewhere.id, "Peter Udenbys", "editor"));
    expect(await handBackPostDraft(foreignEditor, id, validDraft())).toEqual({ ok: false, errors: { form: "errors.notFound" } });
    expect(await listOpenPostDraftRequests(elsewhere.id)).toEqual([]);
    expect((await rowOf(id)).status).toBe("requested");

    const admin = actor(await createNamedStaff(municipality.id, "Henrik Lund", "admin"));
    expect((await handBackPostDraft(admin, id, validDraft())).ok).toBe(true);
  });
});

describe("withdrawing a request", () => {
  it("takes an open request of one's own off the staff list and keeps it in the log", async () => {
    const { municipality, hearing, lene } = await setUp();
    const id = await requested(lene, hearing.id);
    expect(await withdrawPostDraftRequest(lene, id)).toEqual({ ok: true, value: { id } });
    expect(await listOpenPostDraftRequests(municipality.id)).toEqual([]);
    const [own] = await listOwnPostDrafts(lene);
    expect(own).toMatchObject({ id, status: "withdrawn" });
    expect(own.withdrawnAt).toBeInstanceOf(Date);
    expect((await listPostDraftLog(municipality.id)).map((r) => r.status)).toEqual(["withdrawn"]);
    // Twice is refused, not silently accepted.
    expect(await withdrawPostDraftRequest(lene, id)).toEqual({ ok: false, errors: { form: "errors.notOpen" } });
  });

  it("cannot touch another politician's request or a drafted one", async () => {
    const { municipality, hearing, lene, sofie } = await setUp();
    const anders = actor(await createNamedStaff(municipality.id, "Anders Bruun", "politician"));
    const id = await requested(lene, hearing.id);
    expect(await withdrawPostDraftRequest(anders, id)).toEqual({ ok: false, errors: { form: "errors.notFound" } });
    expect((await rowOf(id)).status).toBe("requested");
    expect(await withdrawPostDraftRequest(sofie, id)).toEqual({ ok: false, errors: { form: "errors.notAllowed" } });

    expect((await handBackPostDraft(sofie, id, validDraft())).ok).toBe(true);
    expect(await withdrawPostDraftRequest(lene, id)).toEqual({ ok: false, errors: { form: "errors.notOpen" } });
    expect((await rowOf(id)).status).toBe("drafted");
  });
});

describe("the log as CSV", () => {
  it("holds who asked, who drafted, the times and the texts, with a BOM for Excel", async () => {
    const { municipality, hearing, lene, sofie } = await setUp();
    const askedAt = new Date("2026-11-20T08:30:00Z");
    const draftedAt = new Date("2026-11-21T13:45:00Z");
    const asked = await requestPostDraft(lene, validDraftRequest(hearing.id, { request: "Skriv om fristen; gerne kort." }), askedAt);
    if (!asked.ok) throw new Error("request refused");
    const id = asked.value.id;
    expect((await handBackPostDraft(sofie, id, validDraft({ draftText: "=Fristen er om 19 dage, send dit svar.", cardFormat: "og" }), draftedAt)).ok).toBe(true);
    const open = await requested(lene, hearing.id, { request: "Et opslag om borgermødet." });

    const elsewhere = await createMunicipality();
    const foreignHearing = await createConsultation(elsewhere.id);
    const foreignPolitician = actor(await createNamedStaff(elsewhere.id, "Fremmed Politiker", "politician"));
    await requested(foreignPolitician, foreignHearing.id);

    const csv = await postDraftLogCsv(municipality.id);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "request_id,requested_at,requested_by,consultation,consultation_slug,topic,request,status,drafted_by,drafted_at,neutrality_confirmed_at,card_format,draft_text,withdrawn_at",
    );
    expect(lines).toHaveLength(3);
    expect(csv).not.toContain("Fremmed Politiker");

    const draftedLine = lines.find((l) => l.startsWith(id))!;
    expect(draftedLine).toContain("2026-11-20T08:30:00.000Z");
    expect(draftedLine).toContain("Lene Dahl Kristensen");
    expect(draftedLine).toContain("Sofie Holm Madsen");
    expect(draftedLine).toContain("2026-11-21T13:45:00.000Z,2026-11-21T13:45:00.000Z,og");
    expect(draftedLine).toContain(`"Skriv om fristen; gerne kort."`);
    // A text that starts like a formula is defused for spreadsheets.
    expect(draftedLine).toContain("'=Fristen er om 19 dage");
    expect(draftedLine).toContain(",drafted,");

    const openLine = lines.find((l) => l.startsWith(open))!;
    expect(openLine).toContain(",requested,,,,,,");
  });
});

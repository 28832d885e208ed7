import Database from "better-sqlite3";
import { prisma, sqlitePath } from "~/utils/db.server.ts";
import { subscribe } from "~/modules/domain-events.server.ts";
import { eventsSince } from "~/modules/realtime/event-log.server.ts";
import type { SequencedEvent } from "~/modules/realtime/events.ts";
import { moderateComment, setDiscussionBrakes, setParticipantBlocked } from "~/modules/moderation/moderation.server.ts";
import { createConsultation, createMunicipality, createStaff } from "../../../tests/factories.ts";
import { citizen, commentForm } from "../../../tests/discussion-factories.ts";
import { getDiscussion, postComment, reportComment, toggleSupport } from "./discussion.server.ts";

async function setup(overrides: Parameters<typeof createConsultation>[1] = {}) {
  const m = await createMunicipality();
  const c = await createConsultation(m.id, { kind: "participation", ...overrides });
  const moderatorUser = await createStaff(m.id, "moderator");
  return { m, c, moderator: { id: moderatorUser.id, name: moderatorUser.name, municipalityId: m.id } };
}

function collectEvents() {
  const events: SequencedEvent[] = [];
  const off = subscribe("realtime.event", (e) => events.push(e));
  return { events, off };
}

describe("posting comments", () => {
  it("a comment is in the database before it is broadcast, with the next sequence number", async () => {
    const { c } = await setup();
    const author = await citizen();
    // A second, independent connection sees only committed rows.
    const reader = new Database(sqlitePath(process.env.DATABASE_URL!), { readonly: true });
    const storedAtBroadcast: unknown[] = [];
    const off = subscribe("realtime.event", (e) => {
      if (e.type === "comment.upsert") storedAtBroadcast.push(reader.prepare("SELECT status FROM Comment WHERE id = ?").get(e.comment.id));
    });
    const { events, off: stop } = collectEvents();
    const result = await postComment(c.id, commentForm(), author);
    off();
    stop();
    reader.close();
    expect(result.ok).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "comment.upsert", seq: 1, consultationId: c.id });
    expect(storedAtBroadcast).toEqual([{ status: "published" }]);
  });

  it("empty, whitespace-only and over-long comments are refused and nothing is stored", async () => {
    const { c } = await setup();
    const author = await citizen();
    for (const body of ["", "   \n\t ", "x".repeat(5001)]) {
      const result = await postComment(c.id, commentForm({ body }), author);
      expect(result.ok ? null : result.errors.body).toMatch(/validation\.body(Required|TooLong)/);
    }
    expect(await prisma.comment.count({ where: { consultationId: c.id } })).toBe(0);
  });

  it("the same post sent twice (a retry after a dropped connection) is stored once", async () => {
    const { c } = await setup();
    const author = await citizen();
    const form = commentForm();
    const [a, b] = await Promise.all([postComment(c.id, form, author), postComment(c.id, form, author)]);
    expect(a.ok && b.ok).toBe(true);
    expect(await prisma.comment.count({ where: { consultationId: c.id } })).toBe(1);
    const again = await postComment(c.id, form, author);
    expect(again.ok && again.value.duplicate).toBe(true);
  });

  it("posting closes with the consultation, to the second, and the discussion stays readable", async () => {
    const closesAt = new Date(Date.now() + 60_000);
    const { c } = await setup({ closesAt });
    const author = await citizen();
    expect((await postComment(c.id, commentForm(), author, new Date(closesAt.getTime() - 1000))).ok).toBe(true);
    const late = await postComment(c.id, commentForm(), author, closesAt);
    expect(late.ok ? null : late.errors.form).toBe("validation.closed");
    expect((await getDiscussion(c.id, null)).comments).toHaveLength(1);
  });

  it("a device that posts too fast is asked to wait; slow mode allows one post per period", async () => {
    const { c, moderator } = await setup();
    const author = await citizen();
    for (let i = 0; i < 5; i++) expect((await postComment(c.id, commentForm(), author)).ok).toBe(true);
    const sixth = await postComment(c.id, commentForm(), author);
    expect(sixth.ok ? null : sixth.errors.form).toBe("validation.tooFast");

    const other = await citizen();
    await setDiscussionBrakes(c.id, { slowModeMinutes: 10, paused: false, pauseMessage: null }, moderator);
    expect((await postComment(c.id, commentForm(), other)).ok).toBe(true);
    const second = await postComment(c.id, commentForm(), other);
    expect(second.ok ? null : second.errors.form).toBe("validation.slowMode");
  });

  it("a paused discussion and a blocked device cannot post; what was posted stays", async () => {
    const { c, moderator } = await setup();
    const author = await citizen();
    await postComment(c.id, commentForm(), author);
    await setParticipantBlocked(author.participantId, true, moderator);
    const blocked = await postComment(c.id, commentForm(), { ...author, blocked: true });
    expect(blocked.ok ? null : blocked.errors.form).toBe("validation.blocked");
    await setDiscussionBrakes(c.id, { slowModeMinutes: 0, paused: true, pauseMessage: "Vi holder pause til i morgen." }, moderator);
    const paused = await postComment(c.id, commentForm(), await citizen());
    expect(paused.ok ? null : paused.errors.form).toBe("validation.paused");
    expect((await getDiscussion(c.id, null)).settings).toEqual({ slowModeMinutes: 0, paused: true, pauseMessage: "Vi holder pause til i morgen." });
  });

  it("a reply to a reply joins the same thread (one level of replies)", async () => {
    const { c } = await setup();
    const a = await citizen();
    const top = await postComment(c.id, commentForm(), a);
    if (!top.ok) throw new Error("post failed");
    const reply = await postComment(c.id, commentForm({ parentId: top.value.comment.id }), await citizen());
    if (!reply.ok) throw new Error("reply failed");
    const nested = await postComment(c.id, commentForm({ parentId: reply.value.comment.id }), await citizen());
    expect(nested.ok && nested.value.comment.parentId).toBe(top.value.comment.id);
  });

  it("staff post as themselves with their role, without screening of their own name", async () => {
    const { m, c } = await setup();
    const editor = await createStaff(m.id, "editor");
    const participant = await citizen();
    const result = await postComment(
      c.id,
      commentForm({ body: `Tak for input. Skriv til ${editor.name} på ${editor.email}, hvis du har spørgsmål.` }),
      { kind: "staff", participantId: participant.participantId, userId: editor.id, name: editor.name, role: "editor", title: "Teknik og Miljø" },
    );
    expect(result.ok && result.value.held).toBe(false);
    expect(result.ok && result.value.comment).toMatchObject({ authorName: editor.name, authorRole: "editor", authorTitle: "Teknik og Miljø" });
  });
});

describe("screening and moderation", () => {
  it("a comment with a CPR number is held: only its author sees it, and nothing is broadcast", async () => {
    const { c } = await setup();
    const author = await citizen();
    const { events, off } = collectEvents();
    const result = await postComment(c.id, commentForm({ body: "Mit CPR-nummer er 010190-1234, ring gerne." }), author);
    off();
    expect(result.ok && result.value.held).toBe(true);
    expect(events).toHaveLength(0);
    expect((await getDiscussion(c.id, null)).comments).toHaveLength(0);
    expect((await getDiscussion(c.id, (await citizen()).participantId)).ownHeld).toHaveLength(0);
    expect((await getDiscussion(c.id, author.participantId)).ownHeld).toHaveLength(1);
    expect(JSON.stringify(await eventsSince(c.id, 0))).not.toContain("010190-1234");
  });

  it("naming an employee holds the comment for review", async () => {
    const { m, c } = await setup();
    const employee = await createStaff(m.id, "editor");
    const result = await postComment(c.id, commentForm({ body: `Det er ${employee.name} der har sovet i timen.` }), await citizen());
    expect(result.ok && result.value.held).toBe(true);
  });

  it("a moderator approves a held comment and it then appears for everyone, live", async () => {
    const { c, moderator } = await setup();
    const result = await postComment(c.id, commentForm({ body: "Ring på 12 34 56 78 for at høre mere." }), await citizen());
    if (!result.ok) throw new Error("post failed");
    const { events, off } = collectEvents();
    expect((await moderateComment(result.value.comment.id, "approve", moderator)).ok).toBe(true);
    off();
    expect(events.map((e) => e.type)).toEqual(["comment.upsert"]);
    expect((await getDiscussion(c.id, null)).comments[0]).toMatchObject({ state: "published", body: "Ring på 12 34 56 78 for at høre mere." });
    expect(await prisma.moderationLog.count({ where: { commentId: result.value.comment.id, action: "approve" } })).toBe(1);
  });

  it("hiding leaves a placeholder citing the rule, never the text, and restoring brings it back", async () => {
    const { c, moderator } = await setup();
    const result = await postComment(c.id, commentForm({ body: "Et indlæg om noget helt andet." }), await citizen());
    if (!result.ok) throw new Error("post failed");
    const id = result.value.comment.id;
    expect((await moderateComment(id, "hide", moderator)).ok).toBe(false);
    await moderateComment(id, "hide", moderator, 1);
    const hidden = (await getDiscussion(c.id, null)).comments[0];
    expect(hidden).toMatchObject({ state: "hidden", hiddenRule: 1, body: null });
    expect((await prisma.comment.findUniqueOrThrow({ where: { id } })).body).toBe("Et indlæg om noget helt andet.");
    await moderateComment(id, "restore", moderator);
    expect((await getDiscussion(c.id, null)).comments[0]).toMatchObject({ state: "published", body: "Et indlæg om noget helt andet." });
  });

  it("three reports from different devices take a comment down until a moderator decides; one device counts once", async () => {
    const { c } = await setup();
    const result = await postComment(c.id, commentForm(), await citizen());
    if (!result.ok) throw new Error("post failed");
    const id = result.value.comment.id;
    const reporter = await citizen();
    await reportComment(id, reporter.participantId, { rule: "2" }, 4);
    await reportComment(id, reporter.participantId, { rule: "2" }, 4);
    await reportComment(id, (await citizen()).participantId, { rule: "3" }, 4);
    expect((await getDiscussion(c.id, null)).comments[0].state).toBe("published");
    const third = await reportComment(id, (await citizen()).participantId, { rule: "2" }, 4);
    expect(third.ok && third.value.takenDown).toBe(true);
    expect((await getDiscussion(c.id, null)).comments[0]).toMatchObject({ state: "pending", body: null });
    expect((await reportComment(id, (await citizen()).participantId, { rule: "9" }, 4)).ok).toBe(false);
  });

  it("support is one per device and can be withdrawn", async () => {
    const { c } = await setup();
    const result = await postComment(c.id, commentForm(), await citizen());
    if (!result.ok) throw new Error("post failed");
    const fan = await citizen();
    expect(await toggleSupport(result.value.comment.id, fan.participantId)).toEqual({ ok: true, value: { supported: true, supportCount: 1 } });
    expect(await toggleSupport(result.value.comment.id, fan.participantId)).toEqual({ ok: true, value: { supported: false, supportCount: 0 } });
  });

  it("a reader who was away gets every event after the last one it saw, in order", async () => {
    const { c, moderator } = await setup();
    for (let i = 0; i < 3; i++) await postComment(c.id, commentForm(), await citizen());
    await setDiscussionBrakes(c.id, { slowModeMinutes: 2, paused: false, pauseMessage: null }, moderator);
    const catchUp = await eventsSince(c.id, 1);
    expect(catchUp.events.map((e) => [e.seq, e.type])).toEqual([
      [2, "comment.upsert"],
      [3, "comment.upsert"],
      [4, "discussion.settings"],
    ]);
    expect(catchUp.complete).toBe(true);
  });
});

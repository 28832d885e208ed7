import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { prisma } from "~/utils/db.server.ts";
import { resources } from "~/i18n/i18next.server.ts";
import { i18nOptions, type Language } from "~/i18n/config.ts";
import { submitHearingResponse } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { postComment, toggleSupport } from "~/modules/discussion/discussion.server.ts";
import { moderateComment } from "~/modules/moderation/moderation.server.ts";
import { castVote, createPoll, getPublicPoll, setPollStatus } from "~/modules/polls/polls.server.ts";
import { createConsultation, createMunicipality, createStaff } from "../../../tests/factories.ts";
import { validResponseForm } from "../../../tests/hearing-factories.ts";
import { citizen, commentForm } from "../../../tests/discussion-factories.ts";
import { getConsultationSummary, topCommentCount } from "./summary.server.ts";
import { ConsultationSummarySheet } from "./ui/summary.tsx";

const origin = "https://raadslag.fjordby.dk";

async function render(summary: NonNullable<Awaited<ReturnType<typeof getConsultationSummary>>>, lng: Language = "da") {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nOptions, lng, resources });
  // Through JSON, as the page receives it.
  const serialised = JSON.parse(JSON.stringify(summary));
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(ConsultationSummarySheet, { summary: serialised })));
}

async function hearing() {
  const m = await createMunicipality();
  const c = await createConsultation(m.id, { kind: "hearing", title: "Cykelsti langs Åvej" });
  const moderator = await createStaff(m.id, "moderator");
  return { m, c, moderator: { id: moderator.id, name: moderator.name, municipalityId: m.id } };
}

describe("the print summary", () => {
  it("counts every hearing response but lists only the published ones, by the author's choice", async () => {
    const { m, c } = await hearing();
    await submitHearingResponse(
      c.id,
      validResponseForm({ name: "Navngivet Borger", organisation: "Åvejens Grundejerforening", body: "Offentligt svar med navn." }),
    );
    await submitHearingResponse(c.id, validResponseForm({ name: "Skjult Navn", body: "Offentligt svar uden navn.", publication: "anonymous" }));
    await submitHearingResponse(
      c.id,
      validResponseForm({ name: "Privat Person", body: "Dette svar er privat og må ikke vises.", publication: "private" }),
    );
    await submitHearingResponse(c.id, validResponseForm({ name: "Holdt Person", body: "Ring på 20 30 40 50, så taler vi om det." }));

    const summary = (await getConsultationSummary(c.id, m.id, origin, { seeHiddenResults: true }))!;
    expect(summary.hearing).toMatchObject({ total: 4, named: 1, anonymous: 1, private: 1, moderated: 1 });
    expect(summary.hearing!.published.map((r) => r.authorLabel)).toEqual(["Navngivet Borger", null]);

    const html = await render(summary);
    expect(html).toContain("Navngivet Borger");
    expect(html).toContain("Anonym borger");
    expect(html).toContain("Åvejens Grundejerforening");
    for (const hidden of ["Skjult Navn", "Privat Person", "Dette svar er privat", "Holdt Person", "20 30 40 50", "@eksempel.dk"]) {
      expect(html).not.toContain(hidden);
    }
  });

  it("quotes the ten most supported public comments, never held or hidden ones", async () => {
    const { m, c, moderator } = await hearing();
    const supporters = await Promise.all(Array.from({ length: 12 }, () => citizen()));
    const posted: { id: string; body: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const author = await citizen(`Borger ${i}`);
      const result = await postComment(c.id, commentForm({ body: `Kommentar nummer ${i}`, displayName: `Borger ${i}` }), author);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      posted.push({ id: result.value.comment.id, body: `Kommentar nummer ${i}` });
      // Comment i gets i + 1 supports.
      for (const s of supporters.slice(0, i + 1)) await toggleSupport(result.value.comment.id, s.participantId);
    }
    // The most supported one is hidden by a moderator: it must not be quoted.
    await moderateComment(posted[11].id, "hide", moderator, 2);

    const summary = (await getConsultationSummary(c.id, m.id, origin, { seeHiddenResults: true }))!;
    expect(summary.topComments).toHaveLength(topCommentCount);
    expect(summary.topComments.map((x) => x.supportCount)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    const html = await render(summary);
    expect(html).toContain("Kommentar nummer 10");
    expect(html).toContain("11 støtter");
    expect(html).not.toContain("Kommentar nummer 11");
  });

  it("shows the figures, the poll results as bars with the numbers written, and the addresses written out", async () => {
    const { m, c } = await hearing();
    const editorUser = await createStaff(m.id, "editor");
    const editor = { id: editorUser.id, municipalityId: m.id };
    const created = await createPoll(
      c.id,
      { "q0.type": "single", "q0.text": "Hvor skal stien gå?", "q0.options": "Nordsiden\nSydsiden", askAgeGroup: "on" },
      editor,
    );
    if (!created.ok) throw new Error("poll");
    await setPollStatus(created.value.id, "open", editor);
    const poll = (await getPublicPoll(created.value.id))!;
    const q = poll.questions[0];
    await castVote(poll.id, { [`q_${q.id}`]: q.options[0].id, ageGroup: "18-24" }, { hash: "a", channel: "qr" });
    await castVote(poll.id, { [`q_${q.id}`]: q.options[0].id, ageGroup: "65+" }, { hash: "b", channel: "web" });
    await castVote(poll.id, { [`q_${q.id}`]: q.options[1].id }, { hash: "c", channel: "web" });
    await postComment(c.id, commentForm(), await citizen());

    const summary = (await getConsultationSummary(c.id, m.id, origin, { seeHiddenResults: true }))!;
    expect(summary.figures).toMatchObject({ comments: 1, pollVoters: 3, hearingResponses: 0 });
    expect(summary.figures.byAgeGroup).toMatchObject({ "18-24": 1, "65+": 1, "13-17": 0 });
    expect(summary.polls[0].questions[0].options.map((o) => o.votes)).toEqual([2, 1]);
    expect(summary.consultation.publicUrl).toBe(`${origin}/c/${c.slug}`);

    const html = await render(summary);
    expect(html).toContain("Hvor skal stien gå?");
    expect(html).toMatch(/2 stemmer · 67\s%/);
    expect(html).toMatch(/1 stemme · 33\s%/);
    expect(html).toContain(`>${origin}/c/${c.slug}</a>`);
    expect(html).toContain("<svg");
    const en = await render(summary, "en");
    expect(en).toContain("2 votes · 67%");
    expect(en).toContain("Who took part");
  });

  it("keeps a poll's hidden results from staff who do not run the consultation, as from citizens", async () => {
    const { m, c } = await hearing();
    const editorUser = await createStaff(m.id, "editor");
    const editor = { id: editorUser.id, municipalityId: m.id };
    // No "showResultsBeforeClose": results stay hidden until the poll closes.
    const created = await createPoll(c.id, { "q0.type": "yesno", "q0.text": "Skal stien være bindende?" }, editor);
    if (!created.ok) throw new Error("poll");
    await setPollStatus(created.value.id, "open", editor);
    const poll = (await getPublicPoll(created.value.id))!;
    await castVote(poll.id, { [`q_${poll.questions[0].id}`]: poll.questions[0].options[0].id }, { hash: "a", channel: "web" });

    const hidden = (await getConsultationSummary(c.id, m.id, origin, { seeHiddenResults: false }))!;
    expect(hidden.polls[0]).toMatchObject({ resultsHidden: true, totalVoters: 0 });
    const html = await render(hidden);
    expect(html).toContain("Resultatet bliver vist, når afstemningen er lukket.");
    expect(html).not.toContain("1 stemme");

    const shown = (await getConsultationSummary(c.id, m.id, origin, { seeHiddenResults: true }))!;
    expect(shown.polls[0]).toMatchObject({ resultsHidden: false, totalVoters: 1 });
    expect(await render(shown)).toContain("1 stemme · 100");
  });

  it("includes the outcome once written, marked as a draft until it is published", async () => {
    const { m, c } = await hearing();
    await prisma.outcomeReport.create({
      data: {
        consultationId: c.id,
        decision: "Byrådet vedtog cykelstien på nordsiden af Åvej.",
        points: { create: [{ youSaid: "Stien skal have lys.", weDid: "Der kommer lys hele vejen.", position: 0 }] },
      },
    });
    const draft = await render((await getConsultationSummary(c.id, m.id, origin, { seeHiddenResults: true }))!);
    expect(draft).toContain("Byrådet vedtog cykelstien");
    expect(draft).toContain("Der kommer lys hele vejen.");
    expect(draft).toContain("Udkast – endnu ikke offentliggjort");

    await prisma.outcomeReport.update({ where: { consultationId: c.id }, data: { publishedAt: new Date() } });
    expect(await render((await getConsultationSummary(c.id, m.id, origin, { seeHiddenResults: true }))!)).not.toContain("Udkast");
  });

  it("is not found for another municipality's consultation", async () => {
    const { c } = await hearing();
    const other = await createMunicipality();
    expect(await getConsultationSummary(c.id, other.id, origin, { seeHiddenResults: true })).toBeNull();
  });
});

import type { LoaderFunctionArgs } from "@remix-run/node";
import { prisma } from "~/utils/db.server.ts";
import { createStaffSession } from "~/modules/auth/session.server.ts";
import { staffRoles } from "~/modules/auth/roles.ts";
import { submitHearingResponse } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { postComment, toggleSupport } from "~/modules/discussion/discussion.server.ts";
import { moderateComment } from "~/modules/moderation/moderation.server.ts";
import { castVote, createPoll, getPublicPoll, setPollStatus } from "~/modules/polls/polls.server.ts";
import { loader } from "~/routes/admin.consultations.$id_.exports.$file.ts";
import { loader as moderationLogLoader } from "~/routes/admin.moderation_.log[.csv].ts";
import { loader as postDraftLogLoader } from "~/routes/admin.post-drafts[.csv].ts";
import { createConsultation, createMunicipality, createStaff } from "../../../tests/factories.ts";
import { validResponseForm } from "../../../tests/hearing-factories.ts";
import { citizen, commentForm } from "../../../tests/discussion-factories.ts";
import { consultationExports } from "./export-kinds.ts";

const danishTitle = "Høring om æbleplantagen ved Øster Å 🍎";

/** A small RFC 4180 reader: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

async function cookieFor(userId: string) {
  const setCookie = await createStaffSession(userId, new Request("http://localhost/login"));
  return setCookie.split(";")[0];
}

/** Asks the real route for a file, as a browser with this staff member's session would. */
async function download(userId: string | null, consultationId: string, file: string, query = "") {
  const headers = new Headers();
  if (userId) headers.set("Cookie", await cookieFor(userId));
  const request = new Request(`http://localhost/admin/consultations/${consultationId}/exports/${file}${query}`, { headers });
  try {
    return await loader({ request, params: { id: consultationId, file }, context: {} } as LoaderFunctionArgs);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function table(response: Response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  // fatal: invalid UTF-8 fails the test instead of turning into replacement characters.
  const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  return { bytes, text, rows: parseCsv(text.replace(/^\uFEFF/, "")) };
}

async function hearingWithInput() {
  const m = await createMunicipality();
  const hearing = await createConsultation(m.id, { kind: "hearing", title: danishTitle });
  const staff = Object.fromEntries(await Promise.all(staffRoles.map(async (role) => [role, await createStaff(m.id, role)] as const)));
  return { m, hearing, staff };
}

describe("CSV exports open in a spreadsheet with Danish letters intact", () => {
  it("every export starts with the UTF-8 byte-order mark and is served as a UTF-8 CSV attachment", async () => {
    const { hearing, staff } = await hearingWithInput();
    for (const spec of consultationExports) {
      const response = await download(staff.admin.id, hearing.id, spec.file);
      expect(response.status, spec.file).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
      const { bytes } = await table(response);
      expect([...bytes.slice(0, 3)], spec.file).toEqual([0xef, 0xbb, 0xbf]);
    }
  });

  it("the title and the texts come back byte for byte, æ, ø, å and emoji included", async () => {
    const { hearing, staff } = await hearingWithInput();
    const body = "Æbletræerne skal blive stående – de gamle sorter er en del af Øster Å's historie. 🌳 Tak!";
    const sent = await submitHearingResponse(hearing.id, validResponseForm({ name: "Søren Ærø Ålund", organisation: "Grønne Fjordby", body }));
    expect(sent.ok).toBe(true);

    const responses = await table(await download(staff.editor.id, hearing.id, "responses.csv"));
    const expected = new TextEncoder().encode(body);
    expect(Buffer.from(responses.bytes).includes(Buffer.from(expected))).toBe(true);
    const row = responses.rows.find((r) => r.includes("Søren Ærø Ålund"))!;
    expect(row).toContain(body);
    expect(row).toContain("Grønne Fjordby");

    const followers = await download(staff.editor.id, hearing.id, "followers.csv");
    const disposition = followers.headers.get("Content-Disposition")!;
    expect(disposition).toMatch(
      /^attachment; filename="Foelgere - Hoering om aebleplantagen ved Oester Aa - \d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(new RegExp(`^Følgere - ${danishTitle} - \\d{4}-\\d{2}-\\d{2}\\.csv$`, "u"));
    expect((await table(followers)).rows[1][0]).toBe(danishTitle);
  });

  it("a cell that starts like a formula is defused, and quotes and line breaks survive a round trip", async () => {
    const { hearing, staff } = await hearingWithInput();
    const tricky = 'Han sagde "nej, tak" til planen.\nAnden linje, med komma; og semikolon.\r\nTredje linje.';
    await submitHearingResponse(hearing.id, validResponseForm({ name: '=HYPERLINK("http://evil")', body: tricky }));
    for (const [i, body] of ["+45 er ikke et telefonnummer her", "-1 til forslaget", "@alle: kom til borgermødet"].entries()) {
      const posted = await postComment(hearing.id, commentForm({ body, displayName: `Borger ${i}` }), await citizen());
      expect(posted.ok).toBe(true);
    }

    const responses = (await table(await download(staff.editor.id, hearing.id, "responses.csv"))).rows;
    const row = responses.find((r) => r.some((cell) => cell.includes("HYPERLINK")))!;
    expect(row[2]).toBe('\'=HYPERLINK("http://evil")');
    // The form stores line breaks as \n; everything else, quotes and commas included, is as sent.
    expect(row[7]).toBe(tricky.replace(/\r\n/g, "\n"));
    expect(responses.every((r) => r.length === responses[0].length)).toBe(true);

    const comments = (await table(await download(staff.editor.id, hearing.id, "comments.csv"))).rows;
    const texts = comments.slice(1).map((r) => r[9]);
    expect(texts).toEqual(["'+45 er ikke et telefonnummer her", "'-1 til forslaget", "'@alle: kom til borgermødet"]);
  });

  it("headers follow the staff member's language", async () => {
    const { hearing, staff } = await hearingWithInput();
    const da = (await table(await download(staff.editor.id, hearing.id, "responses.csv"))).rows[0];
    const en = (await table(await download(staff.editor.id, hearing.id, "responses.csv", "?lng=en"))).rows[0];
    expect(da).toEqual([
      "Kvitteringsnummer",
      "Indsendt (dansk tid)",
      "Navn",
      "E-mail",
      "Organisation",
      "Offentliggørelse",
      "Status",
      "Tekst",
      "Bilag",
    ]);
    expect(en).toEqual([
      "Receipt number",
      "Submitted (Danish time)",
      "Name",
      "E-mail",
      "Organisation",
      "Publication",
      "Status",
      "Text",
      "Attachment",
    ]);
  });
});

describe("what each export holds", () => {
  it("staff get every hearing response, private and held ones too, with the time in Danish time", async () => {
    const { hearing, staff } = await hearingWithInput();
    const privateOne = await submitHearingResponse(
      hearing.id,
      validResponseForm({ name: "Privat Person", email: "privat@eksempel.dk", publication: "private" }),
      new Date("2026-07-01T10:30:00Z"),
    );
    // A phone number in the text holds the response for a moderator.
    const held = await submitHearingResponse(
      hearing.id,
      validResponseForm({ name: "Holdt Tilbage", body: "Ring til mig på 20 30 40 50, så forklarer jeg." }),
    );
    expect(privateOne.ok && held.ok && held.value.status).toBe("held");

    const rows = (await table(await download(staff.admin.id, hearing.id, "responses.csv"))).rows;
    const priv = rows.find((r) => r[2] === "Privat Person")!;
    expect(priv).toEqual([
      privateOne.ok ? privateOne.value.receiptNumber : "",
      "2026-07-01 12:30:00",
      "Privat Person",
      "privat@eksempel.dk",
      "",
      "Må ikke offentliggøres",
      "Offentliggjort",
      expect.any(String),
      "",
    ]);
    expect(rows.find((r) => r[2] === "Holdt Tilbage")?.[6]).toBe("Holdt tilbage til moderation");
  });

  it("the followers export counts confirmed and unconfirmed followers and never holds an address", async () => {
    const { hearing, staff } = await hearingWithInput();
    const now = new Date();
    await prisma.follower.createMany({
      data: [
        { consultationId: hearing.id, email: "bekraeftet@eksempel.dk", consentAt: now, confirmedAt: now, token: `t-${Math.random()}` },
        { consultationId: hearing.id, email: "ogsaa.bekraeftet@eksempel.dk", consentAt: now, confirmedAt: now, token: `t-${Math.random()}` },
        { consultationId: hearing.id, email: "venter@eksempel.dk", consentAt: now, token: `t-${Math.random()}` },
      ],
    });
    const { text, rows } = await table(await download(staff.editor.id, hearing.id, "followers.csv"));
    expect(rows).toEqual([
      ["Sag", "Bekræftede følgere", "Ikke bekræftede", "I alt"],
      [danishTitle, "2", "1", "3"],
    ]);
    expect(text).not.toMatch(/@/);
  });

  it("the comments export shows staff and citizens, held and hidden comments, the rule, supports and reports", async () => {
    const { m, hearing, staff } = await hearingWithInput();
    const author = await citizen("Cyklist");
    const first = await postComment(hearing.id, commentForm({ body: "Lys ved skolen, tak.", displayName: "Cyklist" }), author);
    const heldOne = await postComment(hearing.id, commentForm({ body: "Skriv til mig på 20 30 40 50", displayName: "Cyklist" }), author);
    const hiddenOne = await postComment(hearing.id, commentForm({ body: "Helt ude af emnet.", displayName: "Cyklist" }), author);
    if (!first.ok || !heldOne.ok || !hiddenOne.ok) throw new Error("comments not posted");
    const supporter = await citizen();
    await toggleSupport(first.value.comment.id, supporter.participantId);
    await moderateComment(hiddenOne.value.comment.id, "hide", { id: staff.moderator.id, name: staff.moderator.name, municipalityId: m.id }, 1);
    const editor = staff.editor;
    const reply = await postComment(hearing.id, commentForm({ body: "Det ser vi på.", parentId: first.value.comment.id }), {
      kind: "staff",
      participantId: (await citizen()).participantId,
      userId: editor.id,
      name: editor.name,
      role: "editor",
      title: null,
    });
    expect(reply.ok).toBe(true);

    const rows = (await table(await download(staff.moderator.id, hearing.id, "comments.csv"))).rows;
    const byText = (text: string) => rows.find((r) => r[9] === text)!;
    expect(byText("Lys ved skolen, tak.").slice(1, 9)).toEqual([
      "",
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      "Cyklist",
      "Borger",
      "Offentliggjort",
      "",
      "1",
      "0",
    ]);
    expect(byText("Skriv til mig på 20 30 40 50")[5]).toBe("Holdt tilbage til moderation");
    expect(byText("Helt ude af emnet.").slice(5, 7)).toEqual(["Skjult", "1"]);
    expect(byText("Det ser vi på.").slice(1, 5)).toEqual([first.value.comment.id, expect.any(String), editor.name, "Medarbejder"]);
  });

  it("the poll results give votes and shares per option, then voters per age group and channel", async () => {
    const { hearing, staff } = await hearingWithInput();
    const editor = { id: staff.editor.id, municipalityId: staff.editor.municipalityId };
    const created = await createPoll(
      hearing.id,
      {
        "q0.type": "single",
        "q0.text": "Skal æbletræerne blive?",
        "q0.options": "Ja, alle\nNogle af dem\nNej",
        "q1.type": "yesno",
        "q1.text": "Vil du plante et træ?",
        askAgeGroup: "on",
        showResultsBeforeClose: "on",
      },
      editor,
    );
    if (!created.ok) throw new Error("poll not created");
    await setPollStatus(created.value.id, "open", editor);
    const poll = (await getPublicPoll(created.value.id))!;
    const [q0, q1] = poll.questions;
    const vote = (n: number, option: number, age: string, channel: string) =>
      castVote(poll.id, { [`q_${q0.id}`]: q0.options[option].id, [`q_${q1.id}`]: q1.options[0].id, ageGroup: age }, { hash: `voter-${n}`, channel });
    await vote(1, 0, "13-17", "snapchat");
    await vote(2, 0, "13-17", "snapchat");
    await vote(3, 0, "18-24", "instagram");
    await vote(4, 1, "", "web");

    const rows = (await table(await download(staff.politician.id, hearing.id, "poll-results.csv"))).rows;
    const label = `Afstemning 1 (${poll.joinCode})`;
    expect(rows[0]).toEqual(["Opgørelse", "Afstemning", "Spørgsmål", "Svar eller gruppe", "Antal", "Andel af stemmeafgivere (%)"]);
    expect(rows.slice(1)).toEqual([
      ["Stemmeafgivere i alt", label, "", "", "4", "100,0"],
      ["Svar", label, "Skal æbletræerne blive?", "Ja, alle", "3", "75,0"],
      ["Svar", label, "Skal æbletræerne blive?", "Nogle af dem", "1", "25,0"],
      ["Svar", label, "Skal æbletræerne blive?", "Nej", "0", "0,0"],
      ["Svar", label, "Vil du plante et træ?", "Ja", "4", "100,0"],
      ["Svar", label, "Vil du plante et træ?", "Nej", "0", "0,0"],
      ["Aldersgruppe", label, "", "13-17", "2", "50,0"],
      ["Aldersgruppe", label, "", "18-24", "1", "25,0"],
      ["Aldersgruppe", label, "", "25-39", "0", "0,0"],
      ["Aldersgruppe", label, "", "40-64", "0", "0,0"],
      ["Aldersgruppe", label, "", "65+", "0", "0,0"],
      ["Aldersgruppe", label, "", "Ikke oplyst", "1", "25,0"],
      ["Kanal", label, "", "Snapchat", "2", "50,0"],
      ["Kanal", label, "", "Instagram", "1", "25,0"],
      ["Kanal", label, "", "Hjemmesiden og direkte links", "1", "25,0"],
    ]);
    const en = (await table(await download(staff.editor.id, hearing.id, "poll-results.csv", "?lng=en"))).rows;
    expect(en[2]).toEqual(["Answer", `Poll 1 (${poll.joinCode})`, "Skal æbletræerne blive?", "Ja, alle", "3", "75.0"]);
  });

  it("a politician does not get the counts of a poll that still hides its results; an editor does", async () => {
    const { hearing, staff } = await hearingWithInput();
    const editor = { id: staff.editor.id, municipalityId: staff.editor.municipalityId };
    const created = await createPoll(hearing.id, { "q0.type": "yesno", "q0.text": "Bindende?" }, editor);
    if (!created.ok) throw new Error("poll not created");
    await setPollStatus(created.value.id, "open", editor);
    const politician = (await table(await download(staff.politician.id, hearing.id, "poll-results.csv"))).rows;
    expect(politician.slice(1)).toEqual([["Resultatet er skjult, til afstemningen lukker", expect.stringMatching(/^Afstemning 1/), "", "", "", ""]]);
    const editorRows = (await table(await download(staff.editor.id, hearing.id, "poll-results.csv"))).rows;
    expect(editorRows.map((r) => r[0])).toContain("Svar");
  });

  it("the consultation's moderation log holds its own decisions only", async () => {
    const { m, hearing, staff } = await hearingWithInput();
    const other = await createConsultation(m.id, { kind: "participation" });
    const moderator = { id: staff.moderator.id, name: staff.moderator.name, municipalityId: m.id };
    for (const c of [hearing, other]) {
      const posted = await postComment(c.id, commentForm({ body: `Upassende i ${c.title}` }), await citizen());
      if (!posted.ok) throw new Error("not posted");
      await moderateComment(posted.value.comment.id, "hide", moderator, 2);
    }
    const rows = (await table(await download(staff.moderator.id, hearing.id, "moderation-log.csv"))).rows;
    expect(rows).toHaveLength(2);
    expect(rows[1].slice(1, 4)).toEqual([moderator.name, "Skjult", "2"]);
  });
});

describe("who gets which export", () => {
  const expected: Record<string, Record<string, number>> = {
    "responses.csv": { admin: 200, editor: 200, moderator: 403, politician: 403 },
    "comments.csv": { admin: 200, editor: 200, moderator: 200, politician: 403 },
    "poll-results.csv": { admin: 200, editor: 200, moderator: 403, politician: 200 },
    "followers.csv": { admin: 200, editor: 200, moderator: 403, politician: 403 },
    "moderation-log.csv": { admin: 200, editor: 403, moderator: 200, politician: 403 },
  };

  it("each role gets the exports it may see and a 403 for the rest", async () => {
    const { hearing, staff } = await hearingWithInput();
    await submitHearingResponse(hearing.id, validResponseForm({ name: "Personlig Oplysning", email: "personlig@eksempel.dk" }));
    expect(Object.keys(expected).sort()).toEqual(consultationExports.map((e) => e.file).sort());
    for (const [file, byRole] of Object.entries(expected)) {
      for (const role of staffRoles) {
        const response = await download(staff[role].id, hearing.id, file);
        expect(response.status, `${role} ${file}`).toBe(byRole[role]);
        if (response.status === 403) expect(await response.text()).not.toContain("personlig@eksempel.dk");
      }
    }
  });

  it("another municipality's consultation, an unknown one and an unknown file are not found", async () => {
    const { hearing, staff } = await hearingWithInput();
    const elsewhere = await createMunicipality();
    const foreign = await createConsultation(elsewhere.id, { kind: "hearing" });
    for (const file of Object.keys(expected)) {
      expect((await download(staff.admin.id, foreign.id, file)).status, file).toBe(404);
      expect((await download(staff.admin.id, "no-such-consultation", file)).status, file).toBe(404);
    }
    expect((await download(staff.admin.id, hearing.id, "passwords.csv")).status).toBe(404);
  });

  it("hearing responses are only a hearing's", async () => {
    const { m, staff } = await hearingWithInput();
    const participation = await createConsultation(m.id, { kind: "participation" });
    expect((await download(staff.editor.id, participation.id, "responses.csv")).status).toBe(404);
  });

  it("the municipality-wide moderation log and post draft log keep their roles and their byte-order mark", async () => {
    const { staff } = await hearingWithInput();
    const fetchWith = async (load: typeof moderationLogLoader, userId: string, path: string) => {
      const request = new Request(`http://localhost${path}`, { headers: { Cookie: await cookieFor(userId) } });
      try {
        return await load({ request, params: {}, context: {} } as LoaderFunctionArgs);
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      }
    };
    const cases = [
      { load: moderationLogLoader, path: "/admin/moderation/log.csv", allowed: ["admin", "moderator"] },
      { load: postDraftLogLoader, path: "/admin/post-drafts.csv", allowed: ["admin", "editor"] },
    ];
    for (const { load, path, allowed } of cases) {
      for (const role of staffRoles) {
        const response = await fetchWith(load, staff[role].id, path);
        expect(response.status, `${role} ${path}`).toBe(allowed.includes(role) ? 200 : 403);
        if (response.status === 200) expect([...new Uint8Array(await response.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      }
    }
  });

  it("without a session every export sends the visitor to the login page", async () => {
    const { hearing } = await hearingWithInput();
    for (const file of Object.keys(expected)) {
      const response = await download(null, hearing.id, file);
      expect(response.status, file).toBe(302);
      expect(response.headers.get("Location")).toBe(
        `/login?${new URLSearchParams({ redirectTo: `/admin/consultations/${hearing.id}/exports/${file}` })}`,
      );
    }
  });
});

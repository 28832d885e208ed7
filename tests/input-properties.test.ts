/**
 * Property-based tests of every parser and form schema: whatever a browser (or a script) can send —
 * any Unicode, right-to-left text, zero-width characters, 100,000-character strings, files where
 * text was expected, missing fields — a parser never throws, and answers either with the parsed
 * value or with field errors that are translation keys the form can show. What is accepted is kept
 * exactly as typed, after the documented normalisation (trimming, CRLF → LF, lower-case addresses).
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parseConsultation } from "~/modules/consultations/consultation.schema.ts";
import { parsePollForm } from "~/modules/polls/poll.schema.ts";
import { parseEvidence, evidenceValue, parseOutcomeForm } from "~/modules/outcomes/outcome.schema.ts";
import { followLocale, parseFollow, parseOutcomeOptIn } from "~/modules/followers/follow.schema.ts";
import { commentInput, reportInput } from "~/modules/discussion/discussion.schema.ts";
import { parseHearingResponse } from "~/modules/hearing-responses/hearing-response.schema.ts";
import { municipalitySettingsInput } from "~/modules/municipality/municipality.schema.ts";
import { parsePopulation, residentsField } from "~/modules/municipality/population.schema.ts";
import { parsePostDraft, parsePostDraftRequest } from "~/modules/post-drafts/post-draft.schema.ts";
import { loginInput, newStaffUserInput, staffUserUpdateInput } from "~/modules/auth/user.schema.ts";
import { fieldErrors, type FieldErrors } from "~/utils/command.ts";
import { toCsv } from "~/utils/csv.ts";
import { generateJoinCode, joinCodeAlphabet, normalizeJoinCode } from "~/modules/consultations/join-code.ts";
import { channels, normalizeChannel } from "~/modules/channels/channels.server.ts";
import { parseLocalDateTime } from "~/utils/time.ts";
import { ageGroups } from "~/modules/polls/poll-types.ts";
import type { Namespace } from "~/i18n/config.ts";
import type { z } from "zod";

// Enough runs to meet the odd cases, few enough that the whole suite stays quick.
const runs = { numRuns: 200 };

// ---- What can arrive in a field ----------------------------------------------------------------

const rtl = fc.constantFrom("مرحبا بالعالم", "שלום עולם", "\u202eevil\u202c", "\u200fسلام\u200e", "گفتگو ۱۲۳", "ܫܠܡܐ");
const zeroWidth = fc.constantFrom("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f");
const spaces = fc.constantFrom(" ", "\t", "\n", "\r\n", "\r", "\u00a0", "\u2028", "\u3000", "\u202f");
const anyUnicode = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary-ascii" }));
// Lone surrogates cannot be sent in a form (they become U+FFFD), but a parser must still survive them.
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const mixedText = fc
  .array(fc.oneof({ weight: 5, arbitrary: anyUnicode }, rtl, zeroWidth, spaces, loneSurrogate), { maxLength: 8 })
  .map((parts) => parts.join(""));
const huge = fc.tuple(fc.oneof(anyUnicode, rtl, zeroWidth), fc.integer({ min: 100_000, max: 110_000 })).map(([s, n]) => (s || "æ").repeat(Math.ceil(n / Math.max(1, (s || "æ").length))));
const text = fc.oneof({ weight: 6, arbitrary: mixedText }, { weight: 1, arbitrary: huge });

/** What Object.fromEntries(formData) can hold: text, a file, or nothing at all. */
const formValue = fc.oneof(
  { weight: 8, arbitrary: text },
  { weight: 1, arbitrary: fc.constant(new File(["%PDF-1.7"], "bilag.pdf", { type: "application/pdf" })) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);
/** What a route hands over when it keeps only the text fields of a form (files become ""). */
const textValue = fc.oneof({ weight: 9, arbitrary: text }, { weight: 1, arbitrary: fc.constant(undefined) });
/** What no form can send, but a JSON body or a future caller might: a parser must still not throw. */
const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }), fc.bigInt());

function formOf(fields: readonly string[], value: fc.Arbitrary<unknown> = formValue) {
  const known = fc.record(Object.fromEntries(fields.map((f) => [f, value])) as Record<string, fc.Arbitrary<unknown>>, { requiredKeys: [] });
  const extra = fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 3 });
  return fc.tuple(known, extra).map(([k, e]) => ({ ...e, ...k }) as Record<string, unknown>);
}

/** A text of a length the schema accepts, with awkward characters inside and blanks around it. */
function fitting(min: number, max: number) {
  const inner = fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 10 }) }, rtl, zeroWidth, fc.constant("\r\n"), fc.constant("æøå")), {
      minLength: 1,
      maxLength: 20,
    })
    .map((parts) => parts.join(""))
    .map((s) => {
      let t = `Ø${s}.`;
      while (t.length < min + 2) t += " ordet";
      return t.slice(0, max);
    });
  return fc.tuple(fc.constantFrom("", " ", "\r\n", "\t "), inner, fc.constantFrom("", " ", "\r\n", "\n\n")).map(([a, b, c]) => a + b + c);
}

// ---- Helpers --------------------------------------------------------------------------------

type Tree = { [key: string]: string | Tree };
const translations = new Map<string, Tree>();
/** The poll form's messages live under `admin.` in the polls namespace. */
const keyPrefix: Partial<Record<Namespace, string>> = { polls: "admin." };
function translationExists(ns: Namespace, key: string) {
  key = `${keyPrefix[ns] ?? ""}${key}`;
  if (!translations.has(ns)) translations.set(ns, JSON.parse(fs.readFileSync(path.resolve("public/locales/da", `${ns}.json`), "utf8")));
  let node: string | Tree | undefined = translations.get(ns);
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string";
}

/** Every error is a key the form can translate. */
function expectKnownErrors(ns: Namespace, errors: FieldErrors | Record<string, string | undefined>) {
  const unknown = Object.entries(errors).filter(([, key]) => !key || !translationExists(ns, key));
  expect(unknown, `errors without a ${ns} translation`).toEqual([]);
}

type Outcome<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };
function viaZod<S extends z.ZodType>(schema: S, input: unknown): Outcome<z.output<S>> {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error) };
}

/** The normalisations the schemas document. */
const crlf = (s: string) => s.replace(/\r\n/g, "\n").trim();
const anyNewline = (s: string) => s.replace(/\r\n?/g, "\n").trim();

/** One property run: never throws, errors known; accepted values checked by `roundTrip`. */
function property<T>(ns: Namespace, arbitrary: fc.Arbitrary<Record<string, unknown>>, parse: (input: Record<string, unknown>) => Outcome<T>, roundTrip?: (input: Record<string, unknown>, data: T) => void) {
  fc.assert(
    fc.property(arbitrary, (input) => {
      const result = parse(input);
      if (result.ok) roundTrip?.(input, result.data);
      else expectKnownErrors(ns, result.errors);
    }),
    runs,
  );
}

function neverThrows(fields: readonly string[], parse: (input: Record<string, unknown>) => unknown) {
  fc.assert(
    fc.property(formOf(fields, fc.oneof(formValue, wrongType)), (input) => {
      parse(input);
    }),
    runs,
  );
}

// ---- Consultations --------------------------------------------------------------------------

describe("the consultation form", () => {
  const fields = ["kind", "title", "summary", "body", "promise", "decidedBy", "opensAt", "closesAt", "expectedDecisionAt", "discussionEnabled"];
  const valid = fc.record({
    kind: fc.constantFrom("hearing", "participation", "decision"),
    title: fitting(5, 140),
    summary: fitting(20, 300),
    body: fitting(0, 20000),
    promise: fitting(0, 1000),
    decidedBy: fitting(2, 120),
    opensAt: fc.constant("2030-03-01T09:00"),
    closesAt: fc.constant(" 2030-03-31T12:00 "),
    expectedDecisionAt: fc.constant("2030-05-01T12:00"),
    discussionEnabled: fc.constantFrom("on", undefined),
  });

  it("answers any input with the consultation or with translated field errors", () => {
    property("admin", fc.oneof(formOf(fields), valid), parseConsultation);
    neverThrows(fields, parseConsultation);
  });

  it("keeps accepted texts exactly, with CRLF made LF and the ends trimmed", () => {
    property("admin", valid, parseConsultation, (input, data) => {
      for (const f of ["title", "summary", "body", "promise", "decidedBy"] as const) expect(data[f]).toBe(crlf(input[f] as string));
      expect(data.discussionEnabled).toBe(input.discussionEnabled === "on");
      expect(data.closesAt.toISOString()).toBe("2030-03-31T10:00:00.000Z");
    });
  });
});

describe("dates typed into a form", () => {
  it("any text is read as a Danish wall-clock time or refused, never thrown", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/)), (value) => {
        const date = parseLocalDateTime(value);
        if (date) expect(Number.isNaN(date.getTime())).toBe(false);
      }),
      runs,
    );
  });
});

// ---- Polls ------------------------------------------------------------------------------------

describe("the poll form", () => {
  const fields = ["q0.type", "q0.text", "q0.options", "q1.type", "q1.text", "q1.options", "q2.type", "q2.text", "q2.options", "askAgeGroup", "showResultsBeforeClose"];
  const option = fc.string({ unit: "grapheme", minLength: 1, maxLength: 30 }).filter((o) => o.trim() !== "");
  const valid = fc.record({
    "q0.type": fc.constantFrom("single", "multiple"),
    "q0.text": fitting(1, 200),
    options: fc.uniqueArray(option, { minLength: 2, maxLength: 8, selector: (o) => o.trim().toLowerCase() }),
    separator: fc.constantFrom("\n", "\r\n"),
    askAgeGroup: fc.constantFrom("on", undefined),
  }).map(({ options, separator, ...rest }) => ({ ...rest, "q0.options": options.join(separator) }) as Record<string, unknown>);

  it("answers any input with the poll or with translated field errors", () => {
    // The poll routes turn files into empty text before the parser sees them.
    property("polls", fc.oneof(formOf(fields, textValue), valid), parsePollForm);
    neverThrows(fields, parsePollForm);
  });

  it("keeps the question and each option exactly, trimmed", () => {
    property("polls", valid, parsePollForm, (input, data) => {
      expect(data.questions[0].text).toBe((input["q0.text"] as string).trim());
      expect(data.questions[0].options).toEqual((input["q0.options"] as string).split(/\r?\n/).map((o) => o.trim()).filter(Boolean));
      expect(data.askAgeGroup).toBe(input.askAgeGroup === "on");
    });
  });
});

// ---- Outcomes ---------------------------------------------------------------------------------

describe("the outcome report form", () => {
  const fields = ["decision", "points.0.youSaid", "points.0.weDid", "points.0.evidence", "points.1.youSaid", "points.1.weDid", "points.999.evidence"];
  const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
  const valid = fc.record({
    decision: fitting(20, 20000),
    "points.0.youSaid": fitting(3, 1000),
    "points.0.weDid": fitting(3, 1000),
    "points.0.evidence": fc.oneof(fc.constant(""), id.map((i) => `comment:${i}`), id.map((i) => `poll:${i}`)),
  });

  it("answers any input with the report or with translated field errors", () => {
    property("outcomes", fc.oneof(formOf(fields), valid), parseOutcomeForm);
    neverThrows(fields, parseOutcomeForm);
  });

  it("keeps the decision and the points exactly, and evidence reads back as it was written", () => {
    property("outcomes", valid, parseOutcomeForm, (input, data) => {
      expect(data.decision).toBe(crlf(input.decision as string));
      expect(data.points).toHaveLength(1);
      expect(data.points[0].youSaid).toBe(crlf(input["points.0.youSaid"] as string));
      expect(data.points[0].weDid).toBe(crlf(input["points.0.weDid"] as string));
      expect(evidenceValue(data.points[0].evidence)).toBe(input["points.0.evidence"]);
    });
    fc.assert(
      fc.property(fc.oneof(text, fc.constant("comment:abc")), (value) => {
        const evidence = parseEvidence(value);
        if (evidence && evidence !== "invalid") expect(parseEvidence(evidenceValue(evidence))).toEqual(evidence);
      }),
      runs,
    );
  });
});

// ---- Following, the discussion and hearing responses ----------------------------------------------

const email = fc.emailAddress().filter((e) => e.length <= 254);

describe("following a consultation", () => {
  it("answers any input with an address or with translated field errors, and keeps the address in lower case", () => {
    const valid = fc.record({ email: fc.tuple(fc.constantFrom("", " "), email).map(([s, e]) => `${s}${e.toUpperCase()}${s}`), consent: fc.constant("on"), locale: fc.oneof(text, fc.constantFrom("da", "en")) });
    property("follow", fc.oneof(formOf(["email", "consent", "locale"]), valid), (input) => parseFollow(input, "da"), (input, data) => {
      expect(data.email).toBe((input.email as string).trim().toLowerCase());
      expect(["da", "en"]).toContain(data.locale);
    });
    neverThrows(["email", "consent", "locale"], (input) => parseFollow(input, "en"));
  });

  it("the outcome opt-in beside a comment is ignored unless ticked, and checked when it is", () => {
    fc.assert(
      fc.property(formOf(["followOutcome", "followEmail"], fc.oneof(formValue, wrongType, fc.constant("on"))), (input) => {
        const result = parseOutcomeOptIn(input);
        if (input.followOutcome !== "on") expect(result).toEqual({ ok: true, email: null });
        else if (!result.ok) expect(translationExists("follow", result.error)).toBe(true);
        else expect(result.email).toBe(String(input.followEmail).trim().toLowerCase());
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.oneof(formValue, wrongType), (value) => {
        expect(["da", "en"]).toContain(followLocale(value));
      }),
      runs,
    );
  });
});

describe("a comment in the discussion", () => {
  const fields = ["body", "displayName", "acceptRules", "clientId", "parentId"];
  const valid = fc.record({
    body: fitting(1, 5000),
    displayName: fc.oneof(fc.constant(undefined), fitting(2, 40)),
    acceptRules: fc.constant("on"),
    clientId: fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    parentId: fc.oneof(fc.constant(""), fc.stringMatching(/^[a-z0-9]{8,40}$/)),
  });

  it("answers any input with the comment or with translated field errors", () => {
    // The discussion's handler turns files into empty text before the schema sees them.
    property("discussion", fc.oneof(formOf(fields, textValue), valid), (input) => viaZod(commentInput, input));
    neverThrows(fields, (input) => commentInput.safeParse(input));
    property("discussion", formOf(["rule"]), (input) => viaZod(reportInput, input));
  });

  it("keeps the text exactly, with CRLF made LF, and a name with its spaces collapsed", () => {
    property("discussion", valid, (input) => viaZod(commentInput, input), (input, data) => {
      expect(data.body).toBe(crlf(input.body as string));
      expect(data.displayName).toBe(((input.displayName as string | undefined) ?? "").replace(/\s+/g, " ").trim());
      expect(data.clientId).toBe(input.clientId);
      expect(data.parentId).toBe(input.parentId || null);
    });
  });
});

describe("a hearing response", () => {
  const fields = ["name", "email", "organisation", "body", "publication"];
  const valid = fc.record({
    name: fitting(1, 200),
    email: fc.tuple(fc.constantFrom("", " "), email).map(([s, e]) => `${s}${e}${s}`),
    organisation: fc.oneof(fc.constant(undefined), fitting(0, 200)),
    body: fc.oneof(fitting(1, 20000), fitting(1, 200).map((s) => s.replace(/\n/g, "\r"))),
    publication: fc.constantFrom("named", "anonymous", "private"),
  });

  it("answers any input with the response or with translated field errors", () => {
    // The hearing route hands over only the text fields; the attachment is checked on its own.
    property("hearing", fc.oneof(formOf(fields, textValue), valid), parseHearingResponse);
    neverThrows(fields, parseHearingResponse);
  });

  it("keeps what was written exactly, with every kind of line break made LF", () => {
    property("hearing", valid, parseHearingResponse, (input, data) => {
      expect(data.name).toBe(anyNewline(input.name as string));
      expect(data.email).toBe((input.email as string).trim());
      expect(data.organisation).toBe(anyNewline((input.organisation as string | undefined) ?? "") || null);
      expect(data.body).toBe(anyNewline(input.body as string));
      expect(data.publication).toBe(input.publication);
    });
  });
});

// ---- Staff: users, settings, population and post drafts -------------------------------------------

describe("staff forms", () => {
  it("logging in and managing users answer any input with values or translated field errors", () => {
    property("auth", fc.oneof(formOf(["email", "password"]), fc.record({ email, password: text })), (input) => viaZod(loginInput, input), (input, data) => {
      expect(data.email).toBe((input.email as string).trim().toLowerCase());
      expect(data.password).toBe(input.password);
    });
    const userFields = ["email", "name", "title", "role", "password", "active"];
    const validUser = fc.record({ email, name: fitting(2, 120), title: fc.oneof(fc.constant(undefined), fitting(0, 120)), role: fc.constantFrom("admin", "editor", "moderator", "politician"), password: fc.string({ minLength: 12, maxLength: 200 }) });
    property("admin", fc.oneof(formOf(userFields), validUser), (input) => viaZod(newStaffUserInput, input), (input, data) => {
      expect(data.name).toBe((input.name as string).trim());
      expect(data.title).toBe(((input.title as string | undefined) ?? "").trim() || null);
      expect(data.password).toBe(input.password);
    });
    property("admin", formOf(userFields), (input) => viaZod(staffUserUpdateInput, input));
    for (const schema of [loginInput, newStaffUserInput, staffUserUpdateInput]) neverThrows(userFields, (input) => schema.safeParse(input));
  });

  it("the municipality's settings answer any input with values or translated field errors", () => {
    const fields = ["name", "contactEmail", "officeDays", "officeOpens", "officeCloses", "houseRules", "retentionMonths"];
    const days = fc.array(fc.oneof(fc.constantFrom("1", "2", "3", "4", "5", "6", "7"), text), { maxLength: 8 });
    // The settings route hands over text only (files become empty text).
    const arbitrary = fc.tuple(formOf(fields, textValue), days).map(([form, officeDays]) => ({ ...form, officeDays }));
    const valid = fc.record({
      name: fitting(2, 120),
      contactEmail: fc.oneof(fc.constant(""), email),
      officeDays: fc.uniqueArray(fc.constantFrom("1", "2", "3", "4", "5", "6", "7"), { minLength: 1 }),
      officeOpens: fc.constant("09:00"),
      officeCloses: fc.constant("15:00"),
      houseRules: fitting(0, 5000),
      retentionMonths: fc.integer({ min: 1, max: 60 }).map(String),
    });
    property("admin", fc.oneof(arbitrary, valid), (input) => viaZod(municipalitySettingsInput, input), (input, data) => {
      expect(data.name).toBe((input.name as string).trim());
      expect(data.houseRules).toBe(crlf(input.houseRules as string) || null);
      expect(data.contactEmail).toBe((input.contactEmail as string).trim().toLowerCase() || null);
      expect(data.officeDays).toBe([...new Set(input.officeDays as string[])].sort().join(","));
      expect(data.retentionMonths).toBe(Number(input.retentionMonths));
    });
    neverThrows(fields, (input) => municipalitySettingsInput.safeParse(input));
  });

  it("residents per age group are read as whole numbers, with spaces as thousands separators", () => {
    const fields = ageGroups.map(residentsField);
    const valid = fc.tuple(...ageGroups.map(() => fc.integer({ min: 0, max: 10_000_000 }))).map((numbers) =>
      Object.fromEntries(fields.map((f, i) => [f, numbers[i].toLocaleString("da-DK").replace(/\./g, "\u00a0")])),
    );
    const population = (input: Record<string, unknown>): Outcome<Record<string, number>> => {
      const parsed = parsePopulation(input);
      return parsed.ok ? { ok: true, data: parsed.values } : { ok: false, errors: fieldErrors(parsed.error) };
    };
    property("admin", fc.oneof(formOf(fields), valid), population, (input, data) => {
      for (const [i, group] of ageGroups.entries()) expect(data[group]).toBe(Number((input[fields[i]] as string).replace(/\s/g, "")));
    });
    neverThrows(fields, parsePopulation);
  });

  it("post draft requests and drafts answer any input with values or translated field errors", () => {
    const requestFields = ["consultationId", "topic", "request"];
    const validRequest = fc.record({ consultationId: fc.stringMatching(/^[a-z0-9]{20,30}$/), topic: fc.constantFrom("consultation", "outcome"), request: fitting(10, 2000) });
    property("postDrafts", fc.oneof(formOf(requestFields), validRequest), parsePostDraftRequest, (input, data) => {
      expect(data.request).toBe(anyNewline(input.request as string));
      expect(data.consultationId).toBe(input.consultationId);
    });
    const draftFields = ["draftText", "cardFormat", "neutrality"];
    const validDraft = fc.record({ draftText: fitting(10, 3000), cardFormat: fc.constantFrom("story", "post", "og"), neutrality: fc.constant(["facts", "nonPartisan", "noAttacks"]) });
    property("postDrafts", fc.oneof(formOf(draftFields), validDraft), parsePostDraft, (input, data) => {
      expect(data.draftText).toBe(anyNewline(input.draftText as string));
    });
    neverThrows(requestFields, parsePostDraftRequest);
    neverThrows(draftFields, parsePostDraft);
  });
});

// ---- Codes, channels and CSV ------------------------------------------------------------------------

describe("join codes and channels", () => {
  it("a join code is read whatever its case and surrounding blanks, and nothing else passes as one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 12 }), fc.constantFrom("", " ", "\t", "\n"), fc.boolean(), (length, blank, lower) => {
        const code = generateJoinCode(length);
        expect(normalizeJoinCode(`${blank}${lower ? code.toLowerCase() : code}${blank}`)).toBe(code);
      }),
      runs,
    );
    const pattern = new RegExp(`^[${joinCodeAlphabet}]{3,12}$`);
    fc.assert(
      fc.property(text, (input) => {
        const code = normalizeJoinCode(input);
        if (code !== null) expect(code).toMatch(pattern);
      }),
      runs,
    );
  });

  it("any ?via= value counts as a known channel", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.constantFrom(...channels).map((c) => ` ${c.toUpperCase()} `), fc.constant(null)), (via) => {
        const channel = normalizeChannel(via);
        expect(channels).toContain(channel);
        if (via && channels.includes(via.trim().toLowerCase() as never)) expect(channel).toBe(via.trim().toLowerCase());
      }),
      runs,
    );
  });
});

/** An RFC 4180 reader, as a spreadsheet reads the file. */
function readCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && csv[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  if (cell !== "" || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

describe("CSV exports", () => {
  it("every cell reads back exactly as exported, a formula-like start only defused with a quote mark", () => {
    const cell = fc.oneof(mixedText, fc.integer(), fc.constantFrom("=SUM(A1)", "+45 12 34", "-", "@x", '"', "a,b", "a;b", "\r", "\n"));
    const width = fc.integer({ min: 1, max: 5 });
    fc.assert(
      fc.property(
        width.chain((w) => fc.tuple(fc.array(fc.string(), { minLength: w, maxLength: w }), fc.array(fc.array(cell, { minLength: w, maxLength: w }), { maxLength: 5 }))),
        ([header, rows]) => {
          const csv = toCsv(header, rows);
          expect(csv.startsWith("\uFEFF")).toBe(true);
          const defuse = (v: string | number) => (/^[=+\-@\t\r]/.test(String(v)) ? `'${v}` : String(v));
          expect(readCsv(csv.slice(1))).toEqual([header, ...rows].map((r) => r.map(defuse)));
        },
      ),
      runs,
    );
  });
});

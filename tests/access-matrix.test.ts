/**
 * Who may reach what: every /admin and /api route file against every kind of visitor, called
 * through the route's own loader and action with a real session cookie. The routes are listed
 * from app/routes, so a new /admin or /api route without a line here fails the test.
 *
 * Each child route checks access itself (Remix runs a page's loaders in parallel, so the /admin
 * layout's check protects nothing on its own): that is what calling each module directly proves.
 * Objects of another municipality must be a 404 for every role, never a 200.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { prisma } from "~/utils/db.server.ts";
import { createStaffSession } from "~/modules/auth/session.server.ts";
import { staffRoles, type StaffRole } from "~/modules/auth/roles.ts";
import { ensureParticipant } from "~/modules/participants/device.server.ts";
import { createPoll, setPollStatus } from "~/modules/polls/polls.server.ts";
import { submitHearingResponse } from "~/modules/hearing-responses/hearing-responses.server.ts";
import { postComment } from "~/modules/discussion/discussion.server.ts";
import { createConsultation, createMunicipality, createStaff } from "./factories.ts";
import { pdfFile, validResponseForm } from "./hearing-factories.ts";
import { citizen, commentForm } from "./discussion-factories.ts";
import { callRoute, type RouteAnswer, type RouteModule } from "./route-call.ts";

const visitors = ["anonymous", "citizen", ...staffRoles] as const;
type Visitor = (typeof visitors)[number];

type Ids = { consultation: string; hearing: string; poll: string; draftPoll: string; response: string; comment: string };

type Check = {
  /** What is asked, for the failure message. */
  name: string;
  kind: "loader" | "action";
  path: (ids: Ids) => string;
  params: (ids: Ids) => Record<string, string>;
  form?: (ids: Ids) => Record<string, string>;
  /** The staff roles that get through; everyone else on /admin is sent to log in, or refused. */
  roles: readonly StaffRole[] | "public";
  /** The status a role that gets through sees (default 200). */
  ok?: number;
  /** Asked again with the other municipality's object: every role that gets through must see 404. */
  foreign?: boolean;
};

const all = staffRoles;
const writers = ["admin", "editor"] as const;
const moderators = ["admin", "moderator"] as const;
/** Hearing responses: the staff who run the hearing and the politicians who decide. */
const readers = ["admin", "editor", "politician"] as const;
const consultationParams = (ids: Ids) => ({ id: ids.consultation });
const hearingParams = (ids: Ids) => ({ id: ids.hearing });

function loader(name: string, p: (ids: Ids) => string, params: Check["params"], roles: Check["roles"], extra: Partial<Check> = {}): Check {
  return { name: `GET ${name}`, kind: "loader", path: p, params, roles, ...extra };
}
function action(name: string, p: (ids: Ids) => string, params: Check["params"], form: Check["form"], roles: Check["roles"], extra: Partial<Check> = {}): Check {
  return { name: `POST ${name}`, kind: "action", path: p, params, form, roles, ...extra };
}
const none = () => ({});

/**
 * The matrix. Forms sent to actions are harmless: empty or invalid input, so a permitted role gets
 * its field errors back (status 200 or 400) and nothing changes.
 */
const matrix: Record<string, Check[]> = {
  "admin.tsx": [loader("/admin (layout)", () => "/admin", none, all)],
  "admin._index.tsx": [loader("/admin", () => "/admin", none, all)],
  "admin.consultations.$id.tsx": [
    loader("/admin/consultations/:id", (i) => `/admin/consultations/${i.consultation}`, consultationParams, all, { foreign: true }),
    action("/admin/consultations/:id save", (i) => `/admin/consultations/${i.consultation}`, consultationParams, () => ({ intent: "save" }), writers, { foreign: true }),
    action("/admin/consultations/:id brakes", (i) => `/admin/consultations/${i.consultation}`, consultationParams, () => ({ intent: "brakes", slowModeMinutes: "5" }), moderators, { foreign: true }),
  ],
  "admin.consultations.$id_.exports.$file.ts": [
    ...(
      [
        ["responses.csv", writers],
        ["comments.csv", ["admin", "editor", "moderator"]],
        ["poll-results.csv", ["admin", "editor", "politician"]],
        ["followers.csv", writers],
        ["moderation-log.csv", moderators],
      ] as const
    ).map(([file, roles]) =>
      loader(`/admin/consultations/:id/exports/${file}`, (i) => `/admin/consultations/${i.hearing}/exports/${file}`, (i) => ({ id: i.hearing, file }), roles, { foreign: true }),
    ),
    loader("/admin/consultations/:id/exports/unknown.csv", (i) => `/admin/consultations/${i.hearing}/exports/passwords.csv`, (i) => ({ id: i.hearing, file: "passwords.csv" }), all, { ok: 404 }),
  ],
  "admin.consultations.$id_.outcome.tsx": [
    loader("/admin/consultations/:id/outcome", (i) => `/admin/consultations/${i.consultation}/outcome`, consultationParams, all, { foreign: true }),
    action("/admin/consultations/:id/outcome save", (i) => `/admin/consultations/${i.consultation}/outcome`, consultationParams, () => ({ intent: "save" }), writers, { foreign: true }),
  ],
  "admin.consultations.$id_.polls.new.tsx": [
    loader("/admin/consultations/:id/polls/new", (i) => `/admin/consultations/${i.consultation}/polls/new`, consultationParams, writers, { foreign: true }),
    action("/admin/consultations/:id/polls/new", (i) => `/admin/consultations/${i.consultation}/polls/new`, consultationParams, () => ({ "q0.type": "single" }), writers, { foreign: true }),
  ],
  "admin.consultations.$id_.responses.tsx": [
    loader("/admin/consultations/:id/responses", (i) => `/admin/consultations/${i.hearing}/responses`, hearingParams, readers, { foreign: true }),
  ],
  "admin.consultations.$id_.summary.tsx": [
    loader("/admin/consultations/:id/summary", (i) => `/admin/consultations/${i.consultation}/summary`, consultationParams, all, { foreign: true }),
  ],
  "admin.consultations.new.tsx": [
    loader("/admin/consultations/new", () => "/admin/consultations/new", none, writers),
    action("/admin/consultations/new", () => "/admin/consultations/new", none, () => ({ title: "" }), writers),
  ],
  "admin.hearing-responses.$id.attachment.ts": [
    loader("/admin/hearing-responses/:id/attachment", (i) => `/admin/hearing-responses/${i.response}/attachment`, (i) => ({ id: i.response }), readers, { foreign: true }),
  ],
  "admin.moderation.tsx": [
    loader("/admin/moderation", () => "/admin/moderation", none, moderators),
    action("/admin/moderation approve", () => "/admin/moderation", none, (i) => ({ intent: "approve", target: i.comment }), moderators, { foreign: true }),
  ],
  "admin.moderation_.log.tsx": [loader("/admin/moderation/log", () => "/admin/moderation/log", none, moderators)],
  "admin.moderation_.log[.csv].ts": [loader("/admin/moderation/log.csv", () => "/admin/moderation/log.csv", none, moderators)],
  "admin.polls.$id.tsx": [
    loader("/admin/polls/:id", (i) => `/admin/polls/${i.poll}`, (i) => ({ id: i.poll }), all, { foreign: true }),
    action("/admin/polls/:id close", (i) => `/admin/polls/${i.draftPoll}`, (i) => ({ id: i.draftPoll }), () => ({ intent: "close" }), writers, { foreign: true }),
  ],
  "admin.post-drafts.tsx": [
    loader("/admin/post-drafts", () => "/admin/post-drafts", none, ["admin", "editor", "politician"]),
    // Only politicians ask for drafts (the Odense model); staff who write them cannot ask themselves.
    action("/admin/post-drafts request", () => "/admin/post-drafts", none, () => ({ intent: "request" }), ["politician"]),
  ],
  "admin.post-drafts[.csv].ts": [loader("/admin/post-drafts.csv", () => "/admin/post-drafts.csv", none, writers)],
  "admin.settings.tsx": [
    loader("/admin/settings", () => "/admin/settings", none, ["admin"]),
    action("/admin/settings", () => "/admin/settings", none, () => ({ name: "" }), ["admin"]),
  ],
  "admin.users.tsx": [
    loader("/admin/users", () => "/admin/users", none, ["admin"]),
    action("/admin/users create", () => "/admin/users", none, () => ({ intent: "create", email: "ikke-en-adresse" }), ["admin"]),
  ],
  "api.$.ts": [
    loader("/api/unknown", () => "/api/v0/secrets", () => ({ "*": "v0/secrets" }), "public", { ok: 404 }),
    action("/api/unknown", () => "/api/v0/secrets", () => ({ "*": "v0/secrets" }), () => ({}), "public", { ok: 404 }),
  ],
  "api.v1.consultations.ts": [loader("/api/v1/consultations", () => "/api/v1/consultations", none, "public")],
  "api.v1.polls.$id.ts": [
    loader("/api/v1/polls/:id", (i) => `/api/v1/polls/${i.poll}`, (i) => ({ id: i.poll }), "public"),
    loader("/api/v1/polls/:id (a draft)", (i) => `/api/v1/polls/${i.draftPoll}`, (i) => ({ id: i.draftPoll }), "public", { ok: 404 }),
  ],
};

/** The /admin and /api route files, as Remix's flat routes would find them. */
function guardedRouteFiles() {
  const dir = path.resolve("app/routes");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => /^(admin|api)([._[]|$)/.test(e.name.replace(/\.tsx?$/, "")))
    .filter((e) => (e.isDirectory() ? true : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)))
    .map((e) => e.name);
}

async function routeModule(file: string): Promise<RouteModule> {
  const full = path.resolve("app/routes", file);
  const entry = fs.statSync(full).isDirectory() ? ["route.tsx", "route.ts"].map((f) => path.join(full, f)).find((f) => fs.existsSync(f))! : full;
  return import(pathToFileURL(entry).href) as Promise<RouteModule>;
}

type World = { cookies: Record<Visitor, string | null>; home: Ids; foreign: Ids; draftConsultationId: string };

async function municipalityWithContent(): Promise<{ ids: Ids; editorId: string; draftConsultationId: string }> {
  const m = await createMunicipality();
  const editor = await createStaff(m.id, "editor");
  const actor = { id: editor.id, municipalityId: m.id };
  const consultation = await createConsultation(m.id, { kind: "participation" });
  const hearing = await createConsultation(m.id, { kind: "hearing" });
  const draft = await createConsultation(m.id, { kind: "participation", status: "draft" });
  const pollForm = { "q0.type": "single", "q0.text": "Hvad skal ungehuset have?", "q0.options": "Musik\nLektiecafé" };
  const poll = await createPoll(consultation.id, pollForm, actor);
  const draftPoll = await createPoll(consultation.id, pollForm, actor);
  if (!poll.ok || !draftPoll.ok) throw new Error("poll not created");
  await setPollStatus(poll.value.id, "open", actor);
  const response = await submitHearingResponse(hearing.id, validResponseForm({ attachment: pdfFile() }));
  if (!response.ok) throw new Error(JSON.stringify(response.errors));
  // Held for a moderator (it carries a phone number), so "approve" would change it.
  const comment = await postComment(consultation.id, commentForm({ body: "Ring til mig på 12 34 56 78." }), await citizen(), new Date());
  if (!comment.ok) throw new Error(JSON.stringify(comment.errors));
  return {
    ids: {
      consultation: consultation.id,
      hearing: hearing.id,
      poll: poll.value.id,
      draftPoll: draftPoll.value.id,
      response: response.value.id,
      comment: comment.value.comment.id,
    },
    editorId: editor.id,
    draftConsultationId: draft.id,
  };
}

let world: World;

beforeAll(async () => {
  // The home municipality is created first: it is the installation's own (getMunicipality).
  const home = await municipalityWithContent();
  const homeMunicipalityId = (await prisma.consultation.findUniqueOrThrow({ where: { id: home.ids.consultation } })).municipalityId;
  const foreign = await municipalityWithContent();
  const cookies = { anonymous: null, citizen: null } as Record<Visitor, string | null>;
  for (const role of staffRoles) {
    const user = await createStaff(homeMunicipalityId, role);
    cookies[role] = (await createStaffSession(user.id, new Request("http://localhost/login"))).split(";")[0];
  }
  const device = await ensureParticipant(new Request("http://localhost/"));
  cookies.citizen = device.setCookie!.split(";")[0];
  world = { cookies, home: home.ids, foreign: foreign.ids, draftConsultationId: home.draftConsultationId };
}, 60_000);

async function ask(check: Check, visitor: Visitor, ids: Ids): Promise<RouteAnswer> {
  const headers = new Headers();
  const cookie = world.cookies[visitor];
  if (cookie) headers.set("Cookie", cookie);
  const url = `http://localhost${check.path(ids)}`;
  const request =
    check.kind === "action"
      ? new Request(url, { method: "POST", headers: { ...Object.fromEntries(headers), "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(check.form?.(ids) ?? {}) })
      : new Request(url, { headers });
  const file = Object.entries(matrix).find(([, checks]) => checks.includes(check))![0];
  return callRoute(await routeModule(file), check.kind, request, check.params(ids), { clientAddress: "192.0.2.1" });
}

/** What this visitor must get from this check with the home municipality's objects. */
function expected(check: Check, visitor: Visitor): number | "login" | "through" {
  if (check.roles === "public") return check.ok ?? 200;
  if (visitor === "anonymous" || visitor === "citizen") return "login";
  if (!check.roles.includes(visitor)) return 403;
  return check.ok ?? "through";
}

function describeAnswer(a: RouteAnswer) {
  return `${a.status}${a.headers.get("Location") ? ` → ${a.headers.get("Location")}` : ""}${a.error ? ` (${String(a.error)})` : ""}`;
}

/** A permitted role reached the route's own work: not sent away, not refused, no server error. */
function gotThrough(a: RouteAnswer, check: Check) {
  if (check.kind === "loader") return a.status === 200;
  return (a.status === 200 || a.status === 400 || a.status === 409) && !a.headers.get("Location");
}

/** The other municipality's object is as good as absent: a 404, or (for a form) a not-found error. */
function seenAsMissing(a: RouteAnswer) {
  if (a.status === 404) return true;
  if (a.status >= 300 || a.error) return false;
  const text = JSON.stringify(a.body ?? null);
  return /notFound/.test(text) && !/"ok":"|"ok":true/.test(text);
}

describe("the access matrix covers every /admin and /api route", () => {
  it("every route file has its lines in the matrix, and the matrix names no route that is gone", () => {
    const files = guardedRouteFiles();
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => !(f in matrix)), "routes without a line in the access matrix").toEqual([]);
    expect(Object.keys(matrix).filter((f) => !files.includes(f)), "matrix lines for routes that no longer exist").toEqual([]);
  });

  it("every route module with a loader or action has a check for each", async () => {
    const missing: string[] = [];
    for (const [file, checks] of Object.entries(matrix)) {
      if (!fs.existsSync(path.resolve("app/routes", file))) continue;
      const module = await routeModule(file);
      for (const kind of ["loader", "action"] as const) {
        if (module[kind] && !checks.some((c) => c.kind === kind)) missing.push(`${file} ${kind}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("each visitor gets exactly what the roles grant", () => {
  for (const visitor of visitors) {
    it(`${visitor}`, async () => {
      const wrong: string[] = [];
      for (const checks of Object.values(matrix)) {
        for (const check of checks) {
          const answer = await ask(check, visitor, world.home);
          const want = expected(check, visitor);
          const right =
            want === "login"
              ? answer.status === 302 && (answer.headers.get("Location") ?? "").startsWith("/login?redirectTo=")
              : want === "through"
                ? gotThrough(answer, check)
                : answer.status === want;
          if (!right) wrong.push(`${check.name}: wanted ${want}, got ${describeAnswer(answer)}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe("another municipality's objects are a 404 for every role, never a 200", () => {
  for (const role of staffRoles) {
    it(`${role}`, async () => {
      const before = await snapshot(world.foreign);
      const wrong: string[] = [];
      for (const checks of Object.values(matrix)) {
        for (const check of checks.filter((c) => c.foreign)) {
          const answer = await ask(check, role, world.foreign);
          const permitted = check.roles !== "public" && check.roles.includes(role);
          // Without the permission the refusal comes first (403); with it, the object is not there.
          const right = permitted ? seenAsMissing(answer) : answer.status === 403;
          if (!right) wrong.push(`${check.name}: wanted ${permitted ? "404" : "403"}, got ${describeAnswer(answer)}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(await snapshot(world.foreign), "the other municipality's objects are unchanged").toEqual(before);
    });
  }

  it("the open-data API lists no draft consultation and no draft poll to anyone", async () => {
    const check = matrix["api.v1.consultations.ts"][0];
    for (const visitor of visitors) {
      const answer = await ask(check, visitor, world.home);
      const text = JSON.stringify(answer.body);
      expect(answer.status).toBe(200);
      expect(text).toContain(world.home.consultation);
      expect(text, visitor).not.toContain(world.draftConsultationId);
      expect(text, visitor).not.toContain(world.home.draftPoll);
    }
  });
});

/** What a wrongly permitted write would change in the other municipality. */
async function snapshot(ids: Ids) {
  const [consultation, poll, comment, response] = await Promise.all([
    prisma.consultation.findUniqueOrThrow({ where: { id: ids.consultation }, select: { updatedAt: true, slowModeMinutes: true, status: true } }),
    prisma.poll.findUniqueOrThrow({ where: { id: ids.draftPoll }, select: { status: true } }),
    prisma.comment.findUniqueOrThrow({ where: { id: ids.comment }, select: { status: true } }),
    prisma.hearingResponse.findUniqueOrThrow({ where: { id: ids.response }, select: { status: true } }),
  ]);
  const outcome = await prisma.outcomeReport.findFirst({ where: { consultationId: ids.consultation }, select: { publishedAt: true } });
  const polls = await prisma.poll.count({ where: { consultationId: ids.consultation } });
  return { consultation, poll, comment, response, outcome, polls };
}

describe("what a permitted role sees is no more than its role needs", () => {
  it("a politician reads the hearing responses but not the responders' e-mail addresses; an editor sees them", async () => {
    const check = matrix["admin.consultations.$id_.responses.tsx"][0];
    const emails = (answer: RouteAnswer) => (answer.body as { responses: { email: string | null }[] }).responses.map((r) => r.email);
    const politician = await ask(check, "politician", world.home);
    expect(politician.status).toBe(200);
    expect(emails(politician).length).toBeGreaterThan(0);
    expect(emails(politician).every((e) => e === null)).toBe(true);
    expect(JSON.stringify(politician.body)).not.toContain("@");
    const editor = await ask(check, "editor", world.home);
    expect(emails(editor).every((e) => typeof e === "string" && e.includes("@"))).toBe(true);
  });
});

import * as commentsRoute from "~/routes/c.$slug_.comments.ts";
import * as hearingRoute from "~/routes/c.$slug_.hoeringssvar.tsx";
import { prisma } from "~/utils/db.server.ts";
import { postComment } from "./discussion.server.ts";
import { createConsultation, createMunicipality } from "../../../tests/factories.ts";
import { citizen, commentForm } from "../../../tests/discussion-factories.ts";
import { validResponseForm } from "../../../tests/hearing-factories.ts";
import { callRoute, formRequest } from "../../../tests/route-call.ts";

let addressCounter = 0;
const newAddress = () => `198.51.100.${++addressCounter}`;

async function openConsultation() {
  const m = await createMunicipality();
  return createConsultation(m.id, { kind: "participation" });
}

function post(slug: string, fields: Record<string, string>, address: string, cookie?: string) {
  const request = formRequest(`http://localhost/c/${slug}/comments`, fields, cookie ? { Cookie: cookie } : {});
  return callRoute(commentsRoute, "action", request, { slug }, { clientAddress: address });
}

describe("posting is throttled per client address, so dropping the device cookie does not help", () => {
  it("the 61st comment in ten minutes from one address, each from a fresh device, is refused with 429 and Retry-After", async () => {
    const c = await openConsultation();
    const address = newAddress();
    for (let i = 0; i < 60; i++) {
      const answer = await post(c.slug, { intent: "comment", ...commentForm({ body: `Indlæg nummer ${i} om sagen.` }) }, address);
      expect(answer.status, `comment ${i}`).toBe(201);
    }
    const devicesBefore = await prisma.participant.count();
    const refused = await post(c.slug, { intent: "comment", ...commentForm() }, address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ ok: false, errors: { form: "validation.tooFast" } });
    // A refused flood leaves no devices behind.
    expect(await prisma.participant.count()).toBe(devicesBefore);
    // Somebody else, at another address, still gets through.
    expect((await post(c.slug, { intent: "comment", ...commentForm() }, newAddress())).status).toBe(201);
  });
});

describe("reporting is throttled per device", () => {
  it("a device that reports an eleventh comment within ten minutes is asked to wait", async () => {
    const c = await openConsultation();
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      const result = await postComment(c.id, commentForm({ body: `Et helt almindeligt indlæg ${i}.` }), await citizen(), new Date());
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      ids.push(result.value.comment.id);
    }
    // Each report from a new address: the device, not the address, is what is counted here.
    const first = await post(c.slug, { intent: "report", commentId: ids[0], rule: "1" }, newAddress());
    expect(first.status).toBe(200);
    const cookie = first.headers.get("Set-Cookie")!.split(";")[0];
    for (const id of ids.slice(1, 10)) {
      expect((await post(c.slug, { intent: "report", commentId: id, rule: "1" }, newAddress(), cookie)).status).toBe(200);
    }
    const refused = await post(c.slug, { intent: "report", commentId: ids[10], rule: "1" }, newAddress(), cookie);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await prisma.commentReport.count({ where: { commentId: ids[10] } })).toBe(0);
  });
});

describe("hearing responses are throttled per client address", () => {
  it("the 21st stored response in ten minutes from one address is refused with 429, and the form says why", async () => {
    const m = await createMunicipality();
    const hearing = await createConsultation(m.id, { kind: "hearing" });
    const address = newAddress();
    const send = (overrides: Record<string, string> = {}) => {
      const { attachment: _none, ...fields } = validResponseForm(overrides);
      const request = formRequest(`http://localhost/c/${hearing.slug}/hoeringssvar`, fields);
      return callRoute(hearingRoute, "action", request, { slug: hearing.slug }, { clientAddress: address });
    };
    // Forms sent back to correct a mistake do not count.
    for (let i = 0; i < 25; i++) expect((await send({ body: "" })).status, `mistake ${i}`).toBe(400);
    for (let i = 0; i < 20; i++) expect((await send()).status, `response ${i}`).toBe(302);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ kind: "invalid", errors: { form: "validation.tooMany" } });
    expect(await prisma.hearingResponse.count({ where: { consultationId: hearing.id } })).toBe(20);
  });
});

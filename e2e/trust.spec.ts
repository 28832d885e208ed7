/**
 * Trust, over real HTTP against the real server: login throttling as a person sees it, and the
 * public endpoints' answers to malformed input (broken JSON, broken multipart, garbage forms),
 * which must always be a 4xx and never a server error.
 */
import fc from "fast-check";
import type { APIRequestContext } from "@playwright/test";
import { demo, expect, expectAccessible, logIn, test } from "./support.ts";

// Each request is a round trip to the server: fewer runs than the in-process properties.
const runs = { numRuns: 25 };

test.describe("login throttling", () => {
  test("after five wrong passwords the form says how long to wait, in Danish and in English, and the answer is a 429", async ({ page }) => {
    // An address without an account: the answer must be the same as for a real one, and no
    // demo account is locked for the journeys that run beside this one.
    const email = `ingen.konto.${Date.now()}@fjordby.dk`;
    await page.goto("/login");
    for (let i = 0; i < 5; i++) {
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Adgangskode").fill(`forkert-${i}`);
      await page.getByRole("button", { name: "Log ind" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
    }
    await expect(page.getByRole("alert")).toContainText("For mange forsøg på at logge ind. Vent 15 minutter, og prøv så igen.");
    await expectAccessible(page);

    const answer = await page.request.post("/login", { form: { email, password: "forkert" }, headers: { Origin: new URL(page.url()).origin } });
    expect(answer.status()).toBe(429);
    expect(Number(answer.headers()["retry-after"])).toBeGreaterThan(800);
    expect(await answer.text()).toContain("For mange forsøg");

    await page.goto("/login?lng=en");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("forkert");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toContainText(/Too many attempts to log in\. Wait 1[45] minutes and try again\./);
  });
});

test("a follow form refused for too many attempts answers the whole page with 429 and Retry-After", async ({ request, baseURL }) => {
  // An address of its own, so the limit met here is no other journey's.
  const headers = { Origin: baseURL!, "X-Forwarded-For": `198.51.100.${Date.now() % 200}` };
  let answer = await request.post(`/c/${demo.openHearing}/foelg`, { form: { email: "ikke-en-adresse" }, headers });
  for (let i = 0; i < 12 && answer.status() !== 429; i++) {
    answer = await request.post(`/c/${demo.openHearing}/foelg`, { form: { email: "ikke-en-adresse" }, headers });
  }
  expect(answer.status()).toBe(429);
  expect(answer.headers()["content-type"]).toContain("text/html");
  expect(Number(answer.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await answer.text()).toContain("<html");
});

/** A body a careless or hostile client might send, with the Content-Type it claims. */
const contentType = fc.constantFrom<string>(
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=utf-16",
  "multipart/form-data; boundary=graense-42",
  "multipart/form-data; boundary=",
  "multipart/form-data",
  "application/json",
  "text/plain",
  "application/octet-stream",
);
const brokenMultipart = fc
  .tuple(fc.string(), fc.string({ unit: "binary" }), fc.nat({ max: 200 }))
  .map(([name, value, cut]) =>
    `--graense-42\r\nContent-Disposition: form-data; name="${name}"; filename="${value}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7 ${value}\r\n--graense-42\r\nContent-Disposition: form-data; name="body"\r\n\r\n${value}`.slice(0, 60 + cut),
  );
const malformedJson = fc.json().map((json) => (json.length > 1 ? json.slice(0, -1) : `${json}{`));
const garbageForm = fc
  .array(fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom("%", "%E0%A4%A", "%FF%FE", "&&==", "intent=comment", "intent=report&commentId=", "=", "+", "%00")), { maxLength: 8 })
  .map((parts) => parts.join("&"));
const body: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
  malformedJson,
  brokenMultipart,
  garbageForm,
);

async function neverFails(request: APIRequestContext, baseURL: string, paths: string[]) {
  const failures: string[] = [];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...paths), contentType, body, async (path, type, data) => {
      const response = await request.post(path, { data, headers: { "Content-Type": type, Origin: baseURL }, maxRedirects: 0 });
      if (response.status() >= 500) failures.push(`${path} (${type}): ${response.status()}`);
      expect(response.status(), `${path} with ${type}`).toBeLessThan(500);
      expect(response.status(), `${path} with ${type}`).toBeGreaterThanOrEqual(200);
    }),
    {
      ...runs,
      // Bodies that once gave a server error, tried on every path before the random ones.
      examples: paths.flatMap((path) => [
        [path, "text/plain", "["] as [string, string, string | Buffer],
        [path, "multipart/form-data; boundary=graense-42", '--graense-42\r\nContent-Disposition: form-data; name="body"\r\n\r\nhej'] as [string, string, string | Buffer],
      ]),
    },
  );
  expect(failures).toEqual([]);
}

test.describe("malformed input is the sender's mistake: a 4xx, never a server error", () => {
  let pollId = "";
  test.beforeAll(async ({ request }) => {
    const { consultations } = (await (await request.get("/api/v1/consultations")).json()) as { consultations: { polls: { id: string }[] }[] };
    pollId = consultations.flatMap((c) => c.polls)[0]?.id ?? "";
    expect(pollId).not.toBe("");
  });

  test("broken JSON to the discussion's endpoint is a 400 in JSON", async ({ request, baseURL }) => {
    await fc.assert(
      fc.asyncProperty(malformedJson, async (data) => {
        const response = await request.post(`/c/${demo.openHearing}/comments`, { data, headers: { "Content-Type": "application/json", Origin: baseURL! } });
        expect(response.status()).toBe(400);
        expect(await response.json()).toMatchObject({ ok: false });
      }),
      runs,
    );
  });

  test("broken multipart to the hearing response form (with its PDF upload) is refused, not a crash", async ({ request, baseURL }) => {
    await fc.assert(
      fc.asyncProperty(brokenMultipart, async (data) => {
        const response = await request.post(`/c/${demo.openHearing}/hoeringssvar`, {
          data,
          headers: { "Content-Type": "multipart/form-data; boundary=graense-42", Origin: baseURL! },
          maxRedirects: 0,
        });
        expect(response.status()).toBeGreaterThanOrEqual(400);
        expect(response.status()).toBeLessThan(500);
      }),
      runs,
    );
  });

  test("garbage sent to every public form never gets a server error", async ({ request, baseURL }) => {
    await neverFails(request, baseURL!, [
      "/login",
      `/c/${demo.openHearing}`,
      `/c/${demo.openHearing}/comments`,
      `/c/${demo.openHearing}/foelg`,
      `/c/${demo.openHearing}/hoeringssvar`,
      `/p/${pollId}`,
      "/foelg/ikke-et-token/afmeld",
      "/foelg/ikke-et-token/bekraeft",
      "/api/v1/consultations",
      `/api/v1/polls/${pollId}`,
    ]);
  });

  test("garbage sent to every staff form never gets a server error", async ({ page, baseURL }) => {
    await logIn(page, demo.admin);
    const { consultations } = (await (await page.request.get("/api/v1/consultations")).json()) as { consultations: { id: string; slug: string }[] };
    const id = consultations.find((c) => c.slug === demo.decided)!.id;
    await neverFails(page.request, baseURL!, [
      "/admin/consultations/new",
      `/admin/consultations/${id}`,
      `/admin/consultations/${id}/outcome`,
      `/admin/consultations/${id}/polls/new`,
      `/admin/polls/${pollId}`,
      "/admin/moderation",
      "/admin/post-drafts",
      "/admin/users",
      "/admin/settings",
    ]);
  });

  test("broken multipart to the staff's document uploads is refused, not a crash", async ({ page, baseURL }) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(demo.editor.email);
    await page.getByLabel("Adgangskode").fill(demo.editor.password);
    await page.getByRole("button", { name: "Log ind" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    const { consultations } = (await (await page.request.get("/api/v1/consultations")).json()) as { consultations: { id: string; slug: string }[] };
    const id = consultations.find((c) => c.slug === demo.decided)!.id;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(`/admin/consultations/${id}`, `/admin/consultations/${id}/outcome`), brokenMultipart, async (path, data) => {
        const response = await page.request.post(path, { data, headers: { "Content-Type": "multipart/form-data; boundary=graense-42", Origin: baseURL! }, maxRedirects: 0 });
        expect(response.status(), path).toBeGreaterThanOrEqual(400);
        expect(response.status(), path).toBeLessThan(500);
      }),
      runs,
    );
  });
});

import { request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { demo, expect, logIn, publishOwnConsultation, test } from "./support.ts";

const foreign = "https://evil.example";
/** The proxy header a TLS-terminating proxy on this machine adds (the tests connect from loopback). */
const overHttps = { "X-Forwarded-Proto": "https" };

/** A fresh cookie jar, so each request below is a first visit that gets its cookie set. */
async function freshVisitor(baseURL: string) {
  return playwrightRequest.newContext({ baseURL });
}

/** The cookie a response sets, by name. */
function cookieNamed(response: APIResponse, name: string) {
  const cookie = response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value)
    .find((c) => c.startsWith(`${name}=`));
  expect(cookie, `a ${name} cookie from ${response.url()} (${response.status()})`).toBeDefined();
  return cookie!;
}

async function openPoll(api: APIRequestContext) {
  const { consultations } = await (await api.get("/api/v1/consultations")).json();
  const pollId = consultations.flatMap((c: { polls: { id: string }[] }) => c.polls.map((p) => p.id))[0] as string;
  const poll = await (await api.get(`/api/v1/polls/${pollId}`)).json();
  return { pollId, form: { [`q_${poll.questions[0].id}`]: poll.questions[0].options[0].id } };
}

test.describe("security headers", () => {
  test("a page carries a script policy with a fresh nonce, its scripts carry it, and it still works", async ({ page, baseURL }) => {
    const response = await page.goto(`/c/${demo.openHearing}`);
    const headers = response!.headers();
    const policy = headers["content-security-policy"];
    const nonce = /'nonce-([^']+)'/.exec(policy)![1];
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy.split("; ").find((d) => d.startsWith("script-src"))).not.toContain("unsafe-inline");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-powered-by"]).toBeUndefined();
    expect(headers["strict-transport-security"]).toBeUndefined();
    const html = await response!.text();
    const inlineScripts = html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const tag of inlineScripts) expect(tag).toContain(`nonce="${nonce}"`);
    // The app's scripts ran under the policy: the page hydrated (and the fixture saw no violation).
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
    const again = await page.request.get(`/c/${demo.openHearing}`);
    expect(again.headers()["content-security-policy"]).not.toContain(nonce);
    expect(new URL(baseURL!).protocol).toBe("http:");
  });

  test("over HTTPS the browser is told to stay on HTTPS", async ({ page }) => {
    const res = await page.request.get("/", { headers: overHttps });
    expect(res.headers()["strict-transport-security"]).toMatch(/^max-age=\d+/);
  });

  test("uploads still work: a document is served marked nosniff once, and a too large file gets the form's message", async ({ page }) => {
    await logIn(page, demo.editor);
    await publishOwnConsultation(page, {
      kind: "hearing",
      title: `Høring om p-pladser ved Havnegade ${Date.now()}`,
      summary: "Forslaget flytter 30 p-pladser fra Havnegade til Sydhavnen. Send dit høringssvar.",
      decidedBy: "Byrådet",
    });
    const upload = page.getByRole("region", { name: "Dokumenter" });
    await upload.getByLabel("Titel på dokumentet").nth(1).fill("Forslag");
    await upload.getByLabel(/^Fil/).setInputFiles({ name: "forslag.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await upload.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Dokumentet er tilføjet" })).toBeVisible();
    const href = await upload.getByRole("link", { name: "Forslag" }).getAttribute("href");
    const file = await page.request.get(href!);
    expect(file.headers()["x-content-type-options"]).toBe("nosniff");

    // Over the file limit but within the upload's body limit: the form says so in words.
    await upload.getByLabel("Titel på dokumentet").nth(1).fill("Stort bilag");
    await upload.getByLabel(/^Fil/).setInputFiles({ name: "stort.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(11 * 1024 * 1024, 0x20) });
    await upload.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByText("Filen er større end 10 MB.")).toBeVisible();
  });
});

test.describe("cross-site requests", () => {
  test("a form posted from another site is refused; the same form from our own page is not", async ({ page, baseURL }) => {
    const login = { email: demo.admin.email, password: demo.admin.password };
    const refused = await page.request.post("/login", { form: login, headers: { Origin: foreign }, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    const accepted = await page.request.post("/login", { form: login, headers: { Origin: new URL(baseURL!).origin }, maxRedirects: 0 });
    expect(accepted.status()).toBe(302);
  });

  test("another site's page cannot cast a vote with a visitor's cookie", async ({ page }) => {
    const { pollId, form } = await openPoll(page.request);
    const before = (await (await page.request.get(`/api/v1/polls/${pollId}`)).json()).totalVoters;
    const refused = await page.request.post(`/p/${pollId}`, { form, headers: { Origin: foreign }, maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    const after = (await (await page.request.get(`/api/v1/polls/${pollId}`)).json()).totalVoters;
    expect(after).toBe(before);
  });

  test("a 5 MB login body is refused with 413, and the server goes on serving", async ({ page }) => {
    const res = await page.request.post("/login", {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      data: `email=${"a".repeat(5 * 1024 * 1024)}`,
      maxRedirects: 0,
    });
    expect(res.status()).toBe(413);
    expect((await page.request.get("/healthz")).status()).toBe(200);
  });
});

test.describe("cookies", () => {
  test("every cookie is HttpOnly and SameSite=Lax, and Secure over HTTPS only", async ({ baseURL }) => {
    const origin = new URL(baseURL!).origin;
    for (const https of [false, true]) {
      // Behind the HTTPS proxy the page the browser shows is https://, and so is its Origin.
      const extra = { Origin: https ? origin.replace(/^http:/, "https:") : origin, ...(https ? overHttps : {}) };
      const seen: string[] = [];

      const staff = await freshVisitor(baseURL!);
      const login = await staff.post("/login", { form: { email: demo.editor.email, password: demo.editor.password }, headers: extra, maxRedirects: 0 });
      seen.push(cookieNamed(login, "raadslag_session"));

      const voter = await freshVisitor(baseURL!);
      const { pollId, form } = await openPoll(voter);
      const vote = await voter.post(`/p/${pollId}`, { form, headers: extra, maxRedirects: 0 });
      seen.push(cookieNamed(vote, "raadslag_voter"));

      const citizen = await freshVisitor(baseURL!);
      const comment = await citizen.post(`/c/${demo.openHearing}/comments`, {
        form: { intent: "comment", body: "Godt forslag.", acceptRules: "on", clientId: `security${https ? "https" : "http"}${Date.now()}` },
        headers: extra,
      });
      expect(comment.status()).toBeLessThan(500);
      seen.push(cookieNamed(comment, "raadslag_device"));

      const reader = await freshVisitor(baseURL!);
      const language = await reader.get("/?lng=en", { headers: https ? overHttps : {} });
      seen.push(cookieNamed(language, "lng"));

      for (const cookie of seen) {
        expect(cookie, cookie).toMatch(/;\s*HttpOnly/i);
        expect(cookie, cookie).toMatch(/;\s*SameSite=Lax/i);
        if (https) expect(cookie, cookie).toMatch(/;\s*Secure/i);
        else expect(cookie, cookie).not.toMatch(/;\s*Secure/i);
      }
      await Promise.all([staff, voter, citizen, reader].map((c) => c.dispose()));
    }
  });
});

test("staff pages work under the policy", async ({ page }) => {
  await logIn(page, demo.admin);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import fs from "node:fs";
import { createRequire } from "node:module";

export const demo = {
  admin: { email: "admin@fjordby.dk", password: "Raadslag-demo-2026" },
  editor: { email: "sofie.holm@fjordby.dk", password: "Raadslag-demo-2026" },
  politician: { email: "lene.dahl@fjordby.dk", password: "Raadslag-demo-2026" },
  openHearing: "cykelsti-strandvejen",
  decided: "legeplads-havneparken",
};

/**
 * Every test fails if a page asks another host for anything (fonts, scripts, images, trackers):
 * citizens' visits must not be reported to third parties.
 */
export const test = base.extend<{ foreignRequests: string[]; pageErrors: string[]; cspViolations: string[] }>({
  /**
   * Every test fails if the Content-Security-Policy blocks anything: a blocked script or style is a
   * feature that silently stopped working.
   */
  cspViolations: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      const watch = async (watched: BrowserContext) => {
        await watched.addInitScript(() => {
          document.addEventListener("securitypolicyviolation", (event) => {
            console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
          });
        });
        watched.on("console", (message) => {
          const text = message.text();
          if (/CSP violation|Content Security Policy/i.test(text)) violations.push(`${message.page()?.url()}: ${text}`);
        });
      };
      await watch(context);
      // Journeys with several people open their own contexts: watch those too.
      const newContext = browser.newContext;
      browser.newContext = async (...args) => {
        const created = await newContext.apply(browser, args);
        await watch(created);
        return created;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(`${page.url()}: ${error.message}`));
      await use(errors);
      expect(errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
  foreignRequests: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).host;
      const foreign: string[] = [];
      page.on("request", (request) => {
        const url = new URL(request.url());
        if (!["data:", "blob:"].includes(url.protocol) && url.host !== origin) foreign.push(request.url());
      });
      await use(foreign);
      expect(foreign, "requests to other hosts").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const wcag21aa = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

type AxeViolation = { id: string; impact?: string | null; help: string; nodes: { target: string[] }[] };

/**
 * axe with WCAG 2.1 A and AA rules: no serious or critical violation is allowed. axe-core runs in
 * the page itself, injected once per document: the pages have no frames, and this is about three
 * times quicker than a run through @axe-core/playwright, which checks each frame and finishes its
 * run in a second, blank page. `exclude` leaves out parts that are unreadable on purpose.
 */
export async function expectAccessible(page: Page, { exclude = [] as string[] } = {}) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    async ({ tags, exclude }) => {
      const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const context = exclude.length > 0 ? { include: [["html"]], exclude: exclude.map((selector) => [selector]) } : document;
      return (await axe.run(context, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })).violations;
    },
    { tags: wcag21aa, exclude },
  );
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious, `axe violations on ${page.url()}`).toEqual([]);
}

export async function logIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(who.email);
  await page.getByLabel("Adgangskode").fill(who.password);
  await page.getByRole("button", { name: "Log ind" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

/** True when the page can be read without scrolling sideways. */
export async function hasNoSidewaysScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Fills the consultation form; dates are Danish wall-clock times as typed into the form. */
export async function fillConsultationForm(
  page: Page,
  values: { kind?: string; title?: string; summary?: string; body?: string; decidedBy?: string; opensAt?: string; closesAt?: string; expectedDecisionAt?: string },
) {
  if (values.kind) await page.getByLabel("Slags sag").selectOption(values.kind);
  if (values.title !== undefined) await page.getByLabel("Titel").fill(values.title);
  if (values.summary !== undefined) await page.getByLabel("Kort resumé").fill(values.summary);
  if (values.body !== undefined) await page.getByLabel("Beskrivelse").fill(values.body);
  if (values.decidedBy !== undefined) await page.getByLabel("Hvem beslutter").fill(values.decidedBy);
  if (values.opensAt !== undefined) await page.getByLabel("Åbner").fill(values.opensAt);
  if (values.closesAt !== undefined) await page.getByLabel("Lukker").fill(values.closesAt);
  if (values.expectedDecisionAt !== undefined) await page.getByLabel("Beslutning ventes").fill(values.expectedDecisionAt);
}

/** Creates and publishes a consultation of the test's own, open now, and returns its public path. */
export async function publishOwnConsultation(page: Page, values: { kind: string; title: string; summary: string; decidedBy: string }) {
  await page.goto("/admin/consultations/new");
  await fillConsultationForm(page, { ...values, opensAt: "2026-01-01T09:00", closesAt: "2030-05-01T12:00", expectedDecisionAt: "2030-06-01T12:00" });
  await page.getByRole("button", { name: "Gem kladde" }).click();
  await page.getByRole("button", { name: "Offentliggør" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Status er nu: Åben" })).toBeVisible();
  return (await page.getByRole("link", { name: "Se den offentlige side" }).getAttribute("href"))!;
}

/**
 * A participation consultation of the test's own, published by the editor, so parallel tests do
 * not see each other's posts. Returns its public path.
 */
export async function ownConsultation(browser: Browser, { title, summary }: { title: string; summary: string }) {
  const staff = await (await browser.newContext()).newPage();
  await logIn(staff, demo.editor);
  const path = await publishOwnConsultation(staff, {
    kind: "participation",
    title: `${title} ${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
    summary,
    decidedBy: "Teknik- og Miljøudvalget",
  });
  await staff.close();
  return path;
}

/** A citizen's page on a consultation, once its live connection has joined. */
export async function citizenPage(browser: Browser, path: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(path);
  await page.waitForFunction(() => document.documentElement.dataset.realtime === "joined");
  return page;
}

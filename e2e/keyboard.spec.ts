/**
 * The main journeys done with the keyboard alone (WCAG 2.1.1, 2.4.3, 2.4.7): no mouse, no filling
 * fields from the outside, no jumping to addresses after the first page a link brought us to.
 * Live updates are announced politely and never move focus (4.1.3), and a reader who asks the
 * system for less motion gets none (2.3.3).
 */
import type { Browser, Locator, Page } from "@playwright/test";
import { citizenPage, demo, expect, expectAccessible, test } from "./support.ts";

const moderator = { email: "camilla.friis@fjordby.dk", password: demo.admin.password };
const youthHouse = "ungehus-brandstationen";

/**
 * Null when `target` has focus; else a short description of what has it, for messages that say
 * where focus went instead. Runs in the page, so it is self-contained.
 */
function focusedUnless(target: Element | null) {
  const el = document.activeElement;
  if (el && el === target) return null;
  if (!el || el === document.body) return "<body>";
  const text = (el.getAttribute("aria-label") ?? (el as HTMLElement).innerText ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
  const label = (el as HTMLInputElement).labels?.[0]?.textContent?.trim().replace(/\s+/g, " ").slice(0, 40);
  const type = el.getAttribute("type");
  return `${el.tagName.toLowerCase()}${type ? `[${type}]` : ""} "${label || text}"`;
}

async function describeFocus(page: Page) {
  return (await page.evaluate(focusedUnless, null))!;
}

/**
 * Presses Tab (or Shift+Tab) until `target` has focus. Fails after `max` presses, listing where
 * focus went on the way: the element must be reachable, and not after a long detour.
 */
async function tabTo(page: Page, target: Locator, { max = 40, back = false } = {}) {
  const element = await target.elementHandle();
  const visited: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const elsewhere = await element!.evaluate(focusedUnless);
    if (elsewhere === null) return;
    visited.push(elsewhere);
  }
  throw new Error(`${target} was not reached in ${max} presses of ${back ? "Shift+Tab" : "Tab"}; focus went: ${visited.join(" → ")}`);
}

/**
 * The focused control shows where it is: a solid outline of at least 2 px on the control itself,
 * on the tile drawn for a visually hidden radio button, or on the card a link stretches over.
 */
async function expectVisibleFocus(page: Page) {
  const where = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const outlined = (node: Element | null) => {
      if (!node) return false;
      const style = getComputedStyle(node);
      return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && style.outlineColor !== "rgba(0, 0, 0, 0)";
    };
    // An input drawn as a tile is itself see-through: its own outline would not show.
    const seeThrough = getComputedStyle(el).opacity === "0";
    if (!seeThrough && outlined(el)) return "itself";
    if (seeThrough && outlined(el.nextElementSibling)) return "its tile";
    const card = el.closest(".consultation-card");
    if (card && outlined(card)) return "its card";
    return null;
  });
  expect(where, `no visible focus indicator on ${await describeFocus(page)}`).not.toBeNull();
}

/**
 * After a page change or a form post, focus is somewhere in the page, not dropped on <body>.
 * A page the browser loads as a new document (a full reload) starts at its top as any web page
 * does; only pages changed in place must place focus themselves.
 */
async function expectFocusKept(page: Page) {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const w = window as unknown as { keyboardJourney?: boolean };
          const kept = (!!document.activeElement && document.activeElement !== document.body) || !w.keyboardJourney;
          w.keyboardJourney = true;
          return kept;
        }),
      { message: "focus was dropped on <body>" },
    )
    .toBe(true);
}

/** The journey's first page: the link a citizen was given, or a page typed into the address bar. */
async function arrive(page: Page, path: string) {
  await page.goto(path);
  await page.evaluate(() => ((window as unknown as { keyboardJourney?: boolean }).keyboardJourney = true));
}

/** Marks what has focus now, to check later that nothing moved it. */
async function markFocus(page: Page) {
  const described = await describeFocus(page);
  expect(described).not.toBe("<body>");
  await page.evaluate(() => ((window as unknown as { focusedBefore: Element | null }).focusedBefore = document.activeElement));
  return described;
}

async function focusIsUnchanged(page: Page) {
  return page.evaluate(() => document.activeElement === (window as unknown as { focusedBefore: Element | null }).focusedBefore);
}

async function press(page: Page, key: string, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** Staff log in from the header's link, by keyboard, and land on the overview. */
async function logInByKeyboard(page: Page, who: { email: string; password: string }) {
  await tabTo(page, page.getByRole("link", { name: "Log ind for medarbejdere" }));
  await expectVisibleFocus(page);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Log ind" })).toBeVisible();
  await expectFocusKept(page);
  await tabTo(page, page.getByLabel("E-mail"));
  await expectVisibleFocus(page);
  await page.keyboard.type(who.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Adgangskode")).toBeFocused();
  await page.keyboard.type(who.password);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/admin$/);
  await expectFocusKept(page);
}

/** Writes a comment in the consultation's discussion form, by keyboard, and sends it. */
async function commentByKeyboard(page: Page, name: string, body: string) {
  const form = page.locator("form.comment-form").first();
  await tabTo(page, form.getByLabel("Dit navn eller kaldenavn"), { max: 80 });
  await expectVisibleFocus(page);
  await page.keyboard.type(name);
  await page.keyboard.press("Tab");
  await expect(form.getByLabel("Dit indlæg")).toBeFocused();
  await page.keyboard.type(body);
  await tabTo(page, form.getByLabel("Jeg accepterer husreglerne"), { max: 3 });
  await expectVisibleFocus(page);
  await page.keyboard.press("Space");
  await expect(form.getByLabel("Jeg accepterer husreglerne")).toBeChecked();
  await tabTo(page, form.getByRole("button", { name: "Send indlæg" }), { max: 3 });
  await expectVisibleFocus(page);
  await page.keyboard.press("Enter");
}

/**
 * Answers the demo's youth poll by keyboard: arrow keys within each group of choices, Tab between
 * the groups, and "Stem". `choice` and `scale` count arrow presses from the first option (at
 * least one for `choice`: Tab onto a radio button does not choose it; Space does).
 */
async function voteByKeyboard(page: Page, choice: number, scale: number) {
  await tabTo(page, page.getByRole("radio", { name: "Musikstudie og podcast-rum" }), { max: 20 });
  await press(page, "ArrowDown", choice);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("radio", { name: "Rigtig dårligt" })).toBeFocused();
  await page.keyboard.press("Space");
  await press(page, "ArrowRight", scale);
  await tabTo(page, page.getByRole("button", { name: "Stem" }), { max: 12 });
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Tak for din stemme!" })).toBeVisible();
}

/** A device of its own: each context is a new citizen (own cookies, own vote). */
async function freshPage(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}) {
  return (await browser.newContext(options)).newPage();
}

test.describe("with the keyboard alone", () => {
  test("a citizen skips to the content, opens a consultation from the home page and reads it", async ({ page }) => {
    await arrive(page, "/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Gå til indhold" });
    await expect(skip).toBeFocused();
    // Hidden until focused, then on screen.
    const box = (await skip.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
    await expect(page.locator("main")).toBeFocused();

    // From the content, the first consultation card is a few steps away (not behind the header).
    const open = page.getByRole("region", { name: /Åbne lige nu/ });
    await tabTo(page, open.getByRole("link", { name: /Ny cykelsti langs Strandvejen/ }), { max: 8 });
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(`/c/${demo.openHearing}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Ny cykelsti langs Strandvejen");
    await expectFocusKept(page);

    // Reading on: the follow form, then the background documents.
    await tabTo(page, page.getByRole("region", { name: "Følg sagen" }).getByLabel("Din e-mail"), { max: 30 });
    const documents = page.getByRole("region", { name: "Dokumenter" });
    await tabTo(page, documents.getByRole("link").first(), { max: 60 });
    await expectVisibleFocus(page);
    // And back up again with Shift+Tab.
    await tabTo(page, page.getByRole("link", { name: "Alle høringer og forslag" }), { back: true, max: 120 });
  });

  test("a citizen writes a comment in the discussion and sees it appear", async ({ page }) => {
    await arrive(page, `/c/${youthHouse}`);
    await page.waitForFunction(() => document.documentElement.dataset.realtime === "joined");
    await commentByKeyboard(page, "Tastatur-Tove", "Et lokale til brætspil om aftenen, tak.");
    await expect(page.locator(".comment-list").getByText("Et lokale til brætspil om aftenen, tak.", { exact: true })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Dit indlæg er offentliggjort." })).toBeAttached();
    // Ready for the next one: focus stayed on the form, whose text was cleared.
    await expect(page.getByRole("button", { name: "Send indlæg" })).toBeFocused();
    await expect(page.getByLabel("Dit indlæg")).toHaveValue("");

    // A reply: the form opens where focus is, and once sent focus returns to "Svar".
    const own = page.locator(".comment-list article").filter({ hasText: "Et lokale til brætspil om aftenen, tak." });
    const reply = own.getByRole("button", { name: "Svar" });
    await tabTo(page, reply, { max: 80 });
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
    await expect(reply).toHaveAttribute("aria-expanded", "true");
    const form = page.locator("form.comment-form").filter({ has: page.getByLabel("Dit svar til Tastatur-Tove") });
    await expect(form.getByLabel("Dit navn eller kaldenavn")).toBeFocused();
    await page.keyboard.type("Tastatur-Tove");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Og gerne med lån af spil.");
    await tabTo(page, form.getByLabel("Jeg accepterer husreglerne"), { max: 3 });
    await page.keyboard.press("Space");
    await tabTo(page, form.getByRole("button", { name: "Send svar" }), { max: 3 });
    await page.keyboard.press("Enter");
    await expect(page.locator(".reply-list").getByText("Og gerne med lån af spil.", { exact: true })).toBeVisible();
    await expect(reply).toBeFocused();
  });

  test("a young person answers a poll from a shared link and sees the results", async ({ page }) => {
    await arrive(page, "/j/UNGE26?via=snapchat");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // One stop for each group of choices; the arrow keys move between them, as in any radio group.
    await tabTo(page, page.getByRole("radio", { name: "Musikstudie og podcast-rum" }), { max: 20 });
    await expectVisibleFocus(page);
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("radio", { name: "Lektiecafé med hjælp" })).toBeChecked();
    await expect(page.getByRole("radio", { name: "Lektiecafé med hjælp" })).toBeFocused();
    await expectVisibleFocus(page);
    await page.keyboard.press("Tab");
    await expect(page.getByRole("radio", { name: "Rigtig dårligt" })).toBeFocused();
    await page.keyboard.press("Space");
    await press(page, "ArrowRight", 3);
    await expect(page.getByRole("radio", { name: "Godt", exact: true })).toBeChecked();
    await expectVisibleFocus(page);
    await tabTo(page, page.getByRole("button", { name: "Stem" }), { max: 12 });
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Tak for din stemme!" })).toBeVisible();
    await expect(page.getByText(/\d+ har stemt/)).toBeVisible();
    // Focus lands on the results, where a screen reader starts reading.
    await expectFocusKept(page);
    await expect(page.locator("#results")).toBeFocused();
    await expectAccessible(page);
  });

  test("a citizen follows a consultation and is asked to check the inbox", async ({ page }) => {
    await arrive(page, `/c/${demo.openHearing}`);
    const follow = page.getByRole("region", { name: "Følg sagen" });
    await tabTo(page, follow.getByLabel("Din e-mail"), { max: 30 });
    await expectVisibleFocus(page);
    await page.keyboard.type(`tastatur.${Date.now()}@eksempel.dk`);
    await page.keyboard.press("Tab");
    await expect(follow.getByLabel("Ja, I må sende mig en e-mail om resultatet af denne sag")).toBeFocused();
    await expectVisibleFocus(page);
    await page.keyboard.press("Space");
    await tabTo(page, follow.getByRole("button", { name: "Følg sagen" }), { max: 3 });
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
    const answer = follow.getByRole("status");
    await expect(answer).toContainText("Tjek din indbakke");
    await expect(answer).toBeFocused();
  });

  test("an editor logs in, creates a consultation and publishes it", async ({ page }) => {
    await arrive(page, "/");
    await logInByKeyboard(page, demo.editor);
    const adminNav = page.getByRole("navigation", { name: "Administration" });
    await tabTo(page, adminNav.getByRole("link", { name: "Ny sag" }), { max: 10 });
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ny sag");
    await expectFocusKept(page);

    const title = `Nye cykelstativer ved stationen ${Date.now()}`;
    await tabTo(page, page.getByLabel("Slags sag"), { max: 15 });
    await expectVisibleFocus(page);
    await press(page, "ArrowDown", 2);
    await expect(page.getByLabel("Slags sag")).toHaveValue("participation");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Titel")).toBeFocused();
    await expectVisibleFocus(page);
    await page.keyboard.type(title);
    await page.keyboard.press("Tab");
    await page.keyboard.type("Hvor skal de nye cykelstativer ved stationen stå? Kom med dine forslag.");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Der kommer 200 nye pladser.");
    await tabTo(page, page.getByLabel("Hvem beslutter"), { max: 3 });
    await page.keyboard.type("Teknik- og Miljøudvalget");
    await tabTo(page, page.getByLabel("Åbner"), { max: 2 });
    await typeDateTime(page, { day: 1, month: 1, year: 2026, hour: 9, minute: 0 });
    await tabTo(page, page.getByLabel("Lukker"), { max: 8 });
    await typeDateTime(page, { day: 1, month: 5, year: 2030, hour: 12, minute: 0 });
    await tabTo(page, page.getByLabel("Beslutning ventes"), { max: 8 });
    await typeDateTime(page, { day: 1, month: 6, year: 2030, hour: 12, minute: 0 });
    await expect(page.getByLabel("Åbner")).toHaveValue("2026-01-01T09:00");
    await expect(page.getByLabel("Lukker")).toHaveValue("2030-05-01T12:00");
    await expect(page.getByLabel("Beslutning ventes")).toHaveValue("2030-06-01T12:00");
    await tabTo(page, page.getByRole("button", { name: "Gem kladde" }), { max: 10 });
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Kladden er gemt" })).toBeFocused();

    await tabTo(page, page.getByRole("button", { name: "Offentliggør" }), { max: 40 });
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "Status er nu: Åben" })).toBeFocused();
    await tabTo(page, page.getByRole("link", { name: "Se den offentlige side" }), { max: 20, back: true });
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  });

  test("a moderator approves a held comment", async ({ page, baseURL }) => {
    // A citizen's comment with a CPR number is held for a moderator (set up without a page).
    const body = `Ring til mig, mit cpr er 010190-${String(Date.now()).slice(-4)}`;
    const posted = await page.request.post(`/c/${youthHouse}/comments`, {
      form: { intent: "comment", body, displayName: "Holdt tilbage", acceptRules: "on", clientId: `kbd-${Date.now()}` },
      headers: { Origin: new URL(baseURL!).origin, Accept: "application/json" },
    });
    expect(posted.status()).toBe(201);

    await arrive(page, "/login");
    await tabTo(page, page.getByLabel("E-mail"));
    await page.keyboard.type(moderator.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(moderator.password);
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/admin$/);
    await expectFocusKept(page);
    await tabTo(page, page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Moderation" }), { max: 10 });
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Moderation");
    await expectFocusKept(page);
    const item = page.locator(".queue-item").filter({ hasText: body });
    await expect(item.getByText("CPR-nummer")).toBeVisible();
    await tabTo(page, item.getByRole("button", { name: "Godkend" }), { max: 40 });
    await expectVisibleFocus(page);
    await page.keyboard.press("Enter");
    await expect(item).toHaveCount(0);
    // The queue says what happened, and focus waits there rather than on <body>.
    await expect(page.getByRole("status").filter({ hasText: "Indlægget er godkendt" })).toBeFocused();
    await expectAccessible(page);
  });
});

/**
 * Types a date and time into a datetime-local field, segment by segment, as a person would.
 * Chromium draws the field in its own interface language (here US English: month/day/year,
 * hour:minute AM/PM, whatever the page's language); the year takes up to six digits, so Tab
 * moves on from it.
 */
async function typeDateTime(page: Page, { day, month, year, hour, minute }: Record<"day" | "month" | "year" | "hour" | "minute", number>) {
  const two = (n: number) => String(n).padStart(2, "0");
  await page.keyboard.type(`${two(month)}${two(day)}${year}`);
  await page.keyboard.press("Tab");
  await page.keyboard.type(`${two(hour % 12 || 12)}${two(minute)}${hour < 12 ? "A" : "P"}`);
}

test.describe("live updates", () => {
  test("a new comment is announced politely on another open page, and focus stays where the reader is", async ({ browser }) => {
    const reader = await citizenPage(browser, `/c/${youthHouse}`);
    const writer = await citizenPage(browser, `/c/${youthHouse}`);
    // The reader is half-way through writing a comment of their own.
    await tabTo(reader, reader.getByLabel("Dit indlæg"), { max: 80 });
    await reader.keyboard.type("Jeg synes også, at");
    const focused = await markFocus(reader);

    await commentByKeyboard(writer, "Live-Lise", "Åbent til kl. 22 i weekenden.");
    await expect(reader.locator(".comment-list").getByText("Åbent til kl. 22 i weekenden.", { exact: true })).toBeVisible();
    const announcement = reader.getByRole("status").filter({ hasText: "Ny kommentar fra Live-Lise" });
    await expect(announcement).toHaveAttribute("aria-live", "polite");
    expect(await focusIsUnchanged(reader), `focus moved away from ${focused} to ${await describeFocus(reader)}`).toBe(true);
    await expect(reader.getByLabel("Dit indlæg")).toHaveValue("Jeg synes også, at");
  });

  test("poll results update in a polite live region without moving focus", async ({ browser }) => {
    const first = await freshPage(browser);
    await arrive(first, "/j/UNGE26");
    await voteByKeyboard(first, 2, 4);
    const total = first.getByText(/^\d+ har stemt$/);
    await expect(total).toBeVisible();
    await expect(total).toHaveAttribute("aria-live", "polite");
    const before = Number((await total.textContent())!.match(/\d+/)![0]);
    // The reader moves on to the share buttons below the results.
    await tabTo(first, first.getByRole("link", { name: "Hent story-kort" }), { max: 20 });
    const focused = await markFocus(first);

    const second = await freshPage(browser);
    await arrive(second, "/j/UNGE26");
    await voteByKeyboard(second, 3, 3);

    await expect(total).toHaveText(`${before + 1} har stemt`);
    expect(await focusIsUnchanged(first), `focus moved away from ${focused} to ${await describeFocus(first)}`).toBe(true);
  });
});

test.describe("reduced motion", () => {
  /** Every element (and ::before/::after) whose styles still move: transitions, animations. */
  async function moving(page: Page) {
    return page.evaluate(() => {
      const found: string[] = [];
      const moves = (style: CSSStyleDeclaration) =>
        style.transitionDuration.split(",").some((d) => parseFloat(d) > 0) ||
        (style.animationName !== "none" && style.animationDuration.split(",").some((d) => parseFloat(d) > 0));
      for (const el of document.querySelectorAll("*")) {
        for (const pseudo of [null, "::before", "::after"]) {
          if (moves(getComputedStyle(el, pseudo))) found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")}${pseudo ?? ""}`);
        }
      }
      return { found, scrollBehavior: getComputedStyle(document.documentElement).scrollBehavior };
    });
  }

  test("with prefers-reduced-motion nothing transitions or animates; without it, cards and bars do", async ({ browser }) => {
    const normal = await freshPage(browser);
    await arrive(normal, "/");
    expect((await moving(normal)).found).toContain("article.consultation-card.accent-hearing");

    const calm = await freshPage(browser, { reducedMotion: "reduce" });
    for (const path of ["/", `/c/${youthHouse}`, "/j/UNGE26"]) {
      await arrive(calm, path);
      expect(await moving(calm), path).toEqual({ found: [], scrollBehavior: "auto" });
    }
    // The poll's results (bars that grow) after voting.
    await voteByKeyboard(calm, 1, 2);
    await expect(calm.locator(".bar-fill").first()).toBeVisible();
    expect(await moving(calm), "poll results").toEqual({ found: [], scrollBehavior: "auto" });
    await calm.emulateMedia({ reducedMotion: "no-preference" });
    expect((await moving(calm)).found.some((f) => f.includes("bar-fill"))).toBe(true);
  });
});

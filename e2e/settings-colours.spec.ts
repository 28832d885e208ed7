import type { Browser, Page } from "@playwright/test";
import { demo, expect, expectAccessible, logIn, test } from "./support.ts";

/** The demo's colours, put back after each test: other specs look at the same pages. */
const demoColours = { primary: "#0b4f6c", accent: "#f6c453" };
const tooLight = "#f6c453";
const dark = "#14532d";
const tooLightMessage = "Kontrasten mellem den hvide tekst i toppen af siden og denne farve er 1,5:1; den skal være mindst 4,5:1. Vælg en mørkere farve.";

const primaryField = (page: Page) => page.getByLabel("Primærfarve", { exact: true });
const accentField = (page: Page) => page.getByLabel("Accentfarve", { exact: true });
const headerBackground = (page: Page) => page.locator(".site-header").evaluate((el) => getComputedStyle(el).backgroundColor);

async function restoreDemoColours(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, demo.admin);
  await page.goto("/admin/settings");
  await primaryField(page).fill(demoColours.primary);
  await accentField(page).fill(demoColours.accent);
  await page.getByRole("button", { name: "Gem indstillinger" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Indstillingerne er gemt." })).toBeVisible();
  await context.close();
}

test.describe("the municipality's colours", () => {
  // Both tests change and check the one municipality's colours: one after the other, never at once.
  test.describe.configure({ mode: "serial" });

  test.afterEach(async ({ browser }) => {
    await restoreDemoColours(browser);
  });

  test("an admin is refused a primary colour too light for white text, then a dark one colours the public header and cards", async ({ page, request }) => {
    const cardEtag = async () => (await request.get(`/cards/c/${demo.openHearing}/og.png?lng=da`)).headers().etag;
    const etagBefore = await cardEtag();

    await logIn(page, demo.admin);
    await page.goto("/admin/settings");
    await expect(primaryField(page)).toHaveValue(demoColours.primary);
    await expect(accentField(page)).toHaveValue(demoColours.accent);
    await expectAccessible(page);
    // The picker appears once the page runs its JavaScript; typing before that could be lost.
    await expect(page.getByLabel("Vælg primærfarve")).toBeVisible();

    // The preview measures while the admin types, before anything is sent.
    await primaryField(page).fill(tooLight);
    await expect(page.getByText("Hvid tekst i toppen af siden: 1,5:1 – for lav (mindst 4,5:1).")).toBeVisible();
    await page.getByRole("button", { name: "Gem indstillinger" }).click();

    await expect(page.getByRole("alert")).toContainText("Ret venligst følgende");
    await expect(page.getByRole("alert")).toContainText(tooLightMessage);
    await expect(page.locator(".field-error").filter({ hasText: tooLightMessage })).toBeVisible();
    await expect(primaryField(page)).toHaveValue(tooLight);
    await expect(primaryField(page)).toHaveAttribute("aria-invalid", "true");
    // Nothing was stored: the page's own header keeps the demo colour.
    expect(await headerBackground(page)).toBe("rgb(11, 79, 108)");
    // The preview shows the refused colour as it would look, unreadable on purpose; everything
    // else on the page, the messages included, must pass.
    await expectAccessible(page, { exclude: [".colour-preview-sample"] });

    // The colour picker fills the text field that is sent.
    await page.getByLabel("Vælg primærfarve").fill(dark);
    await expect(primaryField(page)).toHaveValue(dark);
    await expect(page.getByText("Hvid tekst i toppen af siden: 7,7:1 – godt nok (mindst 4,5:1).")).toBeVisible();
    await page.getByRole("button", { name: "Gem indstillinger" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Indstillingerne er gemt." })).toBeVisible();
    await expectAccessible(page);

    const citizen = await (await page.context().browser()!.newContext()).newPage();
    await citizen.goto(`/c/${demo.openHearing}`);
    expect(await headerBackground(citizen)).toBe("rgb(20, 83, 45)");
    await expect(citizen.locator('meta[name="theme-color"]')).toHaveAttribute("content", dark);
    await citizen.context().close();
    // The share card is drawn anew in the new colour, not served from the cache.
    expect(await cardEtag()).not.toBe(etagBefore);
  });

  test("without JavaScript the colours are plain text fields, and a bad one is refused with the typed value kept", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await logIn(page, demo.admin);
    await page.goto("/admin/settings");
    await expect(page.getByLabel("Vælg primærfarve")).toHaveCount(0);
    await accentField(page).fill("gul");
    await primaryField(page).fill(tooLight);
    await page.getByRole("button", { name: "Gem indstillinger" }).click();
    await expect(page.getByRole("alert")).toContainText(tooLightMessage);
    await expect(page.getByRole("alert")).toContainText("Skriv farven som en hex-kode med # foran, fx #0b4f6c.");
    await expect(primaryField(page)).toHaveValue(tooLight);
    await expect(accentField(page)).toHaveValue("gul");
    expect(await headerBackground(page)).toBe("rgb(11, 79, 108)");
    await context.close();
  });
});

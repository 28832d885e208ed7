import fs from "node:fs/promises";
import type { Download, Page } from "@playwright/test";
import { test, expect, expectAccessible, demo, logIn } from "./support.ts";

const hearingTitle = "Ny cykelsti langs Strandvejen mellem Fjordby og Strandhøj";

/** The file a download link gives, as bytes, with the name the browser would save it under. */
async function downloadFrom(page: Page, click: () => Promise<void>) {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), bytes: await fs.readFile((await download.path())!) };
}

function utf8(bytes: Buffer) {
  // fatal: a single broken byte fails the test instead of turning into a replacement character.
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
}

async function openStaffPage(page: Page, title: string | RegExp) {
  await page.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

test.describe("exports and the print summary", () => {
  test("an editor downloads hearing responses and comments as CSV and prints the summary", async ({ page, browser }) => {
    // A citizen answers the hearing in their own browser, with Danish letters and an emoji.
    const text = `Cykelstien bør gå på østsiden af åen, så ældre kan følge med 🚲 ${Date.now()}`;
    const citizenContext = await browser.newContext();
    const citizen = await citizenContext.newPage();
    await citizen.goto(`/c/${demo.openHearing}/hoeringssvar`);
    await citizen.getByLabel(/^Navn/).fill("Søren Æbelø");
    await citizen.getByLabel("E-mail").fill("soeren.aebeloe@eksempel.dk");
    await citizen.getByLabel(/^Dit svar/).fill(text);
    await citizen.getByLabel("Offentliggør mit svar med mit navn").check();
    await citizen.getByRole("button", { name: "Send høringssvar" }).click();
    await expect(citizen.getByRole("heading", { level: 1 })).toHaveText("Tak for dit høringssvar");
    await citizenContext.close();

    await logIn(page, demo.editor);
    await openStaffPage(page, hearingTitle);
    const exportsPanel = page.getByRole("region", { name: "Eksport og udskrift" });
    await expect(exportsPanel).toBeVisible();
    // An editor works with responses and polls; the moderation log is the moderators'.
    await expect(exportsPanel.getByRole("link", { name: /Moderationslog/ })).toHaveCount(0);
    await expectAccessible(page);

    const responses = await downloadFrom(page, () => exportsPanel.getByRole("link", { name: "Høringssvar (CSV)" }).click());
    expect(responses.name).toMatch(new RegExp(`^Høringssvar - ${hearingTitle} - \\d{4}-\\d{2}-\\d{2}\\.csv$`));
    expect([...responses.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(responses.bytes.includes(Buffer.from("Søren Æbelø", "utf8"))).toBe(true);
    const responsesText = utf8(responses.bytes);
    expect(responsesText.split("\r\n")[0]).toBe(
      "\uFEFFKvitteringsnummer,Indsendt (dansk tid),Navn,E-mail,Organisation,Offentliggørelse,Status,Tekst,Bilag",
    );
    expect(responsesText).toContain(`"${text}"`);
    expect(responsesText).toContain("soeren.aebeloe@eksempel.dk");

    const comments = await downloadFrom(page, () => exportsPanel.getByRole("link", { name: "Kommentarer (CSV)" }).click());
    expect([...comments.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(comments.bytes.includes(Buffer.from("Mette fra Strandhøj", "utf8"))).toBe(true);
    expect(utf8(comments.bytes)).toContain("Belysningen ved Havnevej er med i projektet");

    await exportsPanel.getByRole("link", { name: "Sammenfatning til udskrift" }).click();
    await expect(page).toHaveURL(/\/admin\/consultations\/[^/]+\/summary$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(hearingTitle);
    await expect(page.getByText("Fjordby Kommune · Sammenfatning til beslutningsnotat")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Kommentarer med mest støtte" })).toBeVisible();
    await expect(page.getByText("Søren Æbelø")).toBeVisible();
    await expect(page.getByRole("button", { name: "Udskriv" })).toBeEnabled();
    await expectAccessible(page);

    // On paper: the sheet alone, black on white, no navigation or buttons, every section there.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation")).toHaveCount(0);
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.locator(".admin-bar")).toBeHidden();
    await expect(page.getByRole("button", { name: "Udskriv" })).toBeHidden();
    for (const heading of ["Om sagen", "Hvem deltog", "Afstemninger", "Kommentarer med mest støtte", "Høringssvar"]) {
      await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
    }
    const sheet = page.locator(".summary-sheet");
    expect(await sheet.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor])).toEqual([
      "rgb(0, 0, 0)",
      "rgb(255, 255, 255)",
    ]);
    // Addresses are written out, since paper cannot be clicked.
    await expect(sheet.getByText(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/c/${demo.openHearing}$`))).toBeVisible();
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.emulateMedia({ media: "screen" });

    await page.goto(`${new URL(page.url()).pathname}?lng=en`);
    await expect(page.getByRole("heading", { level: 2, name: "Who took part" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
    await expectAccessible(page);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation")).toHaveCount(0);
  });

  test("each role sees only the exports it may use, and the others are refused", async ({ browser }) => {
    const politician = await (await browser.newContext()).newPage();
    await logIn(politician, demo.politician);
    await openStaffPage(politician, hearingTitle);
    const panel = politician.getByRole("region", { name: "Eksport og udskrift" });
    await expect(panel.getByRole("link")).toHaveText(["Sammenfatning til udskrift", "Afstemningsresultater (CSV)"]);
    const refused = await politician.request.get(politician.url().replace(/\/?$/, "/exports/responses.csv"), { maxRedirects: 0 });
    expect(refused.status()).toBe(403);
    const polls = await politician.request.get(politician.url().replace(/\/?$/, "/exports/poll-results.csv"));
    expect(polls.status()).toBe(200);
    expect(polls.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    await politician.context().close();

    const moderator = await (await browser.newContext()).newPage();
    await logIn(moderator, { email: "camilla.friis@fjordby.dk", password: demo.editor.password });
    await openStaffPage(moderator, hearingTitle);
    await expect(moderator.getByRole("region", { name: "Eksport og udskrift" }).getByRole("link")).toHaveText([
      "Sammenfatning til udskrift",
      "Kommentarer (CSV)",
      "Moderationslog for sagen (CSV)",
    ]);
    await expectAccessible(moderator);
    await moderator.context().close();
  });
});

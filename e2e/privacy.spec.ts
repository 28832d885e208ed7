import fs from "node:fs/promises";
import type { Page } from "@playwright/test";
import { demo, expect, expectAccessible, hasNoSidewaysScroll, citizenPage, ownConsultation, test } from "./support.ts";

const comments = (page: Page) => page.locator(".comment-list");

test.describe("my data", () => {
  test("a citizen exports their comment as JSON and deletes it: a placeholder keeps its place and its support", async ({ browser }) => {
    test.slow();
    const path = await ownConsultation(browser, { title: "Nye bænke i byparken", summary: "Hvor skal de nye bænke stå i byparken? Fortæl os, hvor du gerne vil sidde." });
    const author = await citizenPage(browser, path);
    const reader = await citizenPage(browser, path);
    const text = `Sæt en bænk ved andedammen, hvor der er sol om eftermiddagen (${Date.now()}).`;

    const form = author.locator("form.comment-form").first();
    await form.getByLabel("Dit navn eller kaldenavn").fill("Andefodrer");
    await form.getByLabel("Dit indlæg").fill(text);
    await form.getByLabel("Jeg accepterer husreglerne").check();
    await form.getByRole("button", { name: "Send indlæg" }).click();
    await expect(comments(reader).getByText(text)).toBeVisible();
    // Another reader supports it: that count belongs to the discussion, not to the author.
    await comments(reader).getByRole("button", { name: "Støt (0)" }).click();
    await expect(comments(reader).getByRole("button", { name: "Støt (1)" })).toBeVisible();
    const heading = reader.getByRole("heading", { name: /^Debat/ });
    const countBefore = await heading.textContent();

    await author.goto("/mine-data");
    await expect(author.getByRole("heading", { name: "Mine data", level: 1 })).toBeVisible();
    await expect(author.getByText(text)).toBeVisible();
    await expect(author.getByText("Andefodrer")).toBeVisible();
    await expectAccessible(author);

    const [download] = await Promise.all([author.waitForEvent("download"), author.getByRole("link", { name: "Hent som JSON" }).click()]);
    expect(download.suggestedFilename()).toBe("mine-data.json");
    const exported = JSON.parse(await fs.readFile((await download.path())!, "utf8"));
    expect(exported.participant.pseudonym).toBe("Andefodrer");
    expect(exported.comments.map((c: { text: string }) => c.text)).toContain(text);

    // Without the tick nothing happens; with it the device is erased and forgotten.
    await author.getByRole("button", { name: "Slet mine data" }).click();
    await expect(author.getByText("Sæt kryds for at bekræfte, at du vil slette dine data.")).toBeVisible();
    await expect(author.getByText(text)).toBeVisible();
    await author.getByLabel("Ja, slet mine data fra denne enhed").check();
    await author.getByRole("button", { name: "Slet mine data" }).click();
    await expect(author.getByRole("status").filter({ hasText: "Dine data fra denne enhed er slettet" })).toBeVisible();
    await expect(author.getByText("Der er ikke gemt noget om denne enhed.")).toBeVisible();
    await expect(author.getByText(text)).toHaveCount(0);
    expect((await author.context().cookies()).map((c) => c.name)).not.toContain("raadslag_device");

    // The reader who had the page open sees the placeholder arrive live, with the support kept.
    const placeholder = comments(reader).locator(".comment.placeholder").filter({ hasText: "Slettet af forfatteren." });
    await expect(placeholder).toBeVisible();
    await expect(placeholder).toContainText("Støt (1)");
    await expect(comments(reader).getByText(text)).toHaveCount(0);
    await expect(heading).toHaveText(countBefore!);

    // And so does anyone opening the page afresh.
    await author.goto(path);
    await expect(comments(author).getByText("Slettet af forfatteren.")).toBeVisible();
    await expect(author.locator("body")).not.toContainText(text);
    await expect(author.locator("body")).not.toContainText("Andefodrer");
    await expect(author.getByRole("heading", { name: /^Debat/ })).toHaveText(countBefore!);
  });
});

test.describe("the privacy page and the accessibility statement", () => {
  for (const lng of ["da", "en"] as const) {
    test(`both pages read well in ${lng}: accessible, linked from the footer, no sideways scroll at 320 px`, async ({ page }) => {
      await page.goto(`/?lng=${lng}`);
      const footer = page.locator("footer");
      await footer.getByRole("link", { name: lng === "da" ? "Privatliv og cookies" : "Privacy and cookies" }).click();
      await expect(page).toHaveURL(/\/privatliv$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(lng === "da" ? "Privatliv og cookies" : "Privacy and cookies");
      // The controller and the retention period come from the municipality's settings.
      await expect(page.locator("main")).toContainText("Fjordby Kommune");
      await expect(page.locator("main")).toContainText(lng === "da" ? "6 måneder" : "6 months");
      await expect(page.getByRole("list", { name: lng === "da" ? "Cookies på Rådslag" : "Cookies on Rådslag" }).getByText("raadslag_device")).toBeVisible();
      await expectAccessible(page);

      await footer.getByRole("link", { name: lng === "da" ? "Tilgængelighedserklæring" : "Accessibility statement" }).click();
      await expect(page).toHaveURL(/\/tilgaengelighed$/);
      await expect(page.getByRole("heading", { level: 2, name: lng === "da" ? "Håndhævelsesprocedure" : "Enforcement procedure" })).toBeVisible();
      await expect(page.locator("main")).toContainText("WCAG 2.1");
      await expectAccessible(page);

      await page.setViewportSize({ width: 320, height: 720 });
      for (const path of ["/privatliv", "/tilgaengelighed", "/mine-data"]) {
        await page.goto(path);
        expect(await hasNoSidewaysScroll(page), path).toBe(true);
      }
      await expectAccessible(page);
    });
  }

  test("the follow form's privacy line leads to the privacy page", async ({ page }) => {
    await page.goto(`/c/${demo.openHearing}`);
    await page.locator(".follow").getByRole("link", { name: "Sådan passer vi på dine oplysninger" }).click();
    await expect(page).toHaveURL(/\/privatliv$/);
  });
});

import type { Page } from "@playwright/test";
import { demo, expect, expectAccessible, citizenPage, logIn, ownConsultation, test } from "./support.ts";

async function post(page: Page, body: string, name = "Torvebruger") {
  const form = page.locator("form.comment-form").first();
  await form.getByLabel("Dit navn eller kaldenavn").fill(name);
  await form.getByLabel("Dit indlæg").fill(body);
  await form.getByLabel("Jeg accepterer husreglerne").check();
  await form.getByRole("button", { name: "Send indlæg" }).click();
}

const comments = (page: Page) => page.locator(".comment-list");

test.describe("the live discussion", () => {
  test("a comment from one reader appears for another at once, without a reload", async ({ browser }) => {
    const path = await ownConsultation(browser, { title: "Debat om nye træer på torvet", summary: "Skal der plantes træer på torvet, og hvilke? Kom med dine idéer og ønsker." });
    const alice = await citizenPage(browser, path);
    const bob = await citizenPage(browser, path);
    await expectAccessible(alice);
    const marker = await bob.evaluate(() => ((window as unknown as { m: number }).m = Math.random()));
    await post(alice, "Lindetræer giver skygge om sommeren.", "Alice");
    await expect(comments(alice).getByText("Lindetræer giver skygge om sommeren.")).toBeVisible();
    await expect(comments(bob).getByText("Lindetræer giver skygge om sommeren.")).toBeVisible();
    expect(await bob.evaluate(() => (window as unknown as { m: number }).m)).toBe(marker);
    // The typed text is cleared, and nothing was stored twice.
    await expect(alice.getByLabel("Dit indlæg")).toHaveValue("");
    await alice.reload();
    await expect(comments(alice).getByText("Lindetræer giver skygge om sommeren.")).toHaveCount(1);
  });

  test("markup typed into a comment and a name is shown as typed, live and after a reload, and never runs", async ({ browser }) => {
    const path = await ownConsultation(browser, { title: "Debat om nye træer på torvet", summary: "Skal der plantes træer på torvet, og hvilke? Kom med dine idéer og ønsker." });
    const author = await citizenPage(browser, path);
    const reader = await citizenPage(browser, path);
    const ran: string[] = [];
    for (const page of [author, reader]) page.on("dialog", (d) => (ran.push(d.message()), d.dismiss()));
    const body = `Træer <img src=x onerror="alert('img')"> og <script>alert('script')</script> **fed** &amp; <b>lind</b>`;
    const name = `<i onmouseover="alert('navn')">Lise</i>`;
    await post(author, body, name);
    for (const page of [reader, author]) {
      const item = comments(page).locator("li, article").filter({ hasText: "<script>alert('script')</script>" }).first();
      await expect(item).toContainText(body);
      await expect(item).toContainText(name);
      // Nothing typed became an element.
      expect(await comments(page).locator("img[src='x'], script, b, i[onmouseover]").count()).toBe(0);
    }
    await reader.reload();
    await expect(comments(reader).getByText(body)).toHaveCount(1);
    expect(await comments(reader).locator("img[src='x'], script, b, i[onmouseover]").count()).toBe(0);
    expect(ran).toEqual([]);
  });

  test("a comment with a CPR number is held; a moderator approves it and it appears live", async ({ browser }) => {
    test.slow();
    const path = await ownConsultation(browser, { title: "Debat om nye træer på torvet", summary: "Skal der plantes træer på torvet, og hvilke? Kom med dine idéer og ønsker." });
    const author = await citizenPage(browser, path);
    const reader = await citizenPage(browser, path);
    await post(author, "Kontakt mig, mit cpr er 010190-1234", "Hanne");
    await expect(author.getByText("Afventer gennemsyn")).toBeVisible();
    await expect(reader.locator("body")).not.toContainText("010190-1234");

    const moderator = await (await browser.newContext()).newPage();
    await logIn(moderator, { email: "camilla.friis@fjordby.dk", password: demo.admin.password });
    await moderator.goto("/admin/moderation");
    const item = moderator.locator(".queue-item").filter({ hasText: "010190-1234" });
    await expect(item.getByText("CPR-nummer")).toBeVisible();
    await expectAccessible(moderator);
    await item.getByRole("button", { name: "Godkend" }).click();
    await expect(comments(reader).getByText("Kontakt mig, mit cpr er 010190-1234")).toBeVisible();
    await expect(comments(author).getByText("Kontakt mig, mit cpr er 010190-1234")).toBeVisible();
  });

  test("hiding a comment replaces it live with a placeholder citing the rule", async ({ browser }) => {
    test.slow();
    const path = await ownConsultation(browser, { title: "Debat om nye træer på torvet", summary: "Skal der plantes træer på torvet, og hvilke? Kom med dine idéer og ønsker." });
    const author = await citizenPage(browser, path);
    const reader = await citizenPage(browser, path);
    // A text of this run's own: the moderation queue is shared by every run against the server.
    const topic = `fodbold ${Date.now().toString(36)}`;
    await post(author, `Det her handler slet ikke om træer, men om ${topic}.`, "Off-topic");
    await expect(comments(reader).getByText(`men om ${topic}`)).toBeVisible();

    // Three readers report it: it is taken down pending review, and lands in the queue.
    for (let i = 0; i < 3; i++) {
      const r = await citizenPage(browser, path);
      const item = comments(r).locator("article").filter({ hasText: `men om ${topic}` });
      await item.getByText("Anmeld", { exact: true }).click();
      await item.getByLabel("Hvilken regel er overtrådt?").selectOption("1");
      await item.getByRole("button", { name: "Send anmeldelse" }).click();
      // Closed only once the report has arrived (thanked, or the comment already taken down).
      await expect(r.getByText("Tak. En moderator ser på det.").or(comments(r).getByText("Skjult, mens en moderator ser på indlægget.")).first()).toBeVisible();
      await r.close();
    }
    await expect(comments(reader).getByText("Skjult, mens en moderator ser på indlægget.")).toBeVisible();

    const moderator = await (await browser.newContext()).newPage();
    await logIn(moderator, { email: "camilla.friis@fjordby.dk", password: demo.admin.password });
    await moderator.goto("/admin/moderation");
    const item = moderator.locator(".queue-item").filter({ hasText: `men om ${topic}` });
    await item.getByLabel("Overtrådt regel").selectOption("1");
    await item.getByRole("button", { name: "Skjul" }).click();
    await expect(comments(reader).getByText(/Fjernet af en moderator: overtrådte regel 1/)).toBeVisible();
    await expect(comments(reader).getByText(`men om ${topic}`)).toHaveCount(0);

    // A decision can be undone: restoring brings the text back for everyone, live.
    await moderator.goto("/admin/moderation");
    const hidden = moderator.getByRole("region", { name: "Skjult for nylig" }).locator(".queue-item").filter({ hasText: `men om ${topic}` });
    await hidden.getByRole("button", { name: "Genskab" }).click();
    await expect(comments(reader).getByText(`men om ${topic}`)).toBeVisible();

    await moderator.goto("/admin/moderation/log");
    await expect(moderator.getByRole("cell", { name: "Skjult" }).or(moderator.getByRole("rowheader", { name: "Skjult" })).first()).toBeVisible();
    const csv = await moderator.request.get("/admin/moderation/log.csv");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).charCodeAt(0)).toBe(0xfeff);
  });

  test("a reader who goes offline sees what was posted meanwhile when back; a post written offline is sent once", async ({ browser }) => {
    const path = await ownConsultation(browser, { title: "Debat om nye træer på torvet", summary: "Skal der plantes træer på torvet, og hvilke? Kom med dine idéer og ønsker." });
    const writer = await citizenPage(browser, path);
    const traveller = await citizenPage(browser, path);

    await traveller.context().setOffline(true);
    await traveller.evaluate(() => window.dispatchEvent(new Event("offline")));
    await expect(traveller.getByText(/Ingen forbindelse/)).toBeVisible();
    await post(writer, "Skrevet mens du var væk.", "Hjemme");
    await expect(comments(writer).getByText("Skrevet mens du var væk.")).toBeVisible();

    // Written offline: kept in the page, marked as waiting.
    await post(traveller, "Skrevet i toget uden net.", "Pendler");
    await expect(traveller.getByText("Venter på forbindelse – sendes automatisk")).toBeVisible();

    await traveller.context().setOffline(false);
    await traveller.evaluate(() => window.dispatchEvent(new Event("online")));
    await expect(comments(traveller).getByText("Skrevet mens du var væk.")).toBeVisible({ timeout: 15_000 });
    await expect(comments(traveller).getByText("Skrevet i toget uden net.")).toBeVisible({ timeout: 15_000 });
    await expect(comments(writer).getByText("Skrevet i toget uden net.")).toBeVisible();
    await writer.reload();
    await expect(comments(writer).getByText("Skrevet i toget uden net.")).toHaveCount(1);
  });

  test("without JavaScript a citizen can still read, post and see the house rules", async ({ browser }) => {
    const path = await ownConsultation(browser, { title: "Debat om nye træer på torvet", summary: "Skal der plantes træer på torvet, og hvilke? Kom med dine idéer og ønsker." });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(path);
    await post(page, "Uden JavaScript virker det også.", "Klassisk");
    await expect(comments(page).getByText("Uden JavaScript virker det også.")).toBeVisible();
    // A refused post keeps its text.
    await page.locator("form.comment-form").first().getByLabel("Dit indlæg").fill("   ");
    await page.locator("form.comment-form").first().getByRole("button", { name: "Send indlæg" }).click();
    await expect(page.getByText("Skriv dit indlæg.").first()).toBeVisible();
    await page.goto("/husregler");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Husregler for debatten");
    await expect(page.locator(".house-rules li")).toHaveCount(4);
  });

  test("staff answers carry a role badge", async ({ browser }) => {
    const path = await ownConsultation(browser, { title: "Debat om nye træer på torvet", summary: "Skal der plantes træer på torvet, og hvilke? Kom med dine idéer og ønsker." });
    const staff = await (await browser.newContext()).newPage();
    await logIn(staff, demo.editor);
    await staff.goto(path);
    await staff.waitForFunction(() => document.documentElement.dataset.realtime === "joined");
    await staff.locator("form.comment-form").first().getByLabel("Dit indlæg").fill("Forvaltningen kigger på forslagene i næste uge.");
    await staff.getByRole("button", { name: "Send indlæg" }).click();
    const reader = await citizenPage(browser, path);
    const answer = comments(reader).locator("article").filter({ hasText: "Forvaltningen kigger" });
    await expect(answer.getByText("Forvaltningen svarer")).toBeVisible();
    await expectAccessible(reader);
  });
});

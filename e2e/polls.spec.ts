import type { Browser, Page } from "@playwright/test";
import { demo, expect, expectAccessible, hasNoSidewaysScroll, logIn, publishOwnConsultation, test } from "./support.ts";

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

/** A poll of this test's own, on its own consultation, open for votes. */
async function ownPoll(browser: Browser, showResults = true) {
  const staff = await (await browser.newContext()).newPage();
  await logIn(staff, demo.editor);
  const consultationPath = await publishOwnConsultation(staff, {
    kind: "participation",
    title: `Ungeafstemning om skaterpark ${Date.now()}-${Math.random().toString(36).slice(2, 6)}`,
    summary: "Hvor skal den nye skaterpark ligge? Stem på et af de tre steder på få sekunder.",
    decidedBy: "Kultur- og Fritidsudvalget",
  });
  await staff.getByRole("link", { name: "Ny afstemning" }).click();
  await staff.getByLabel("Spørgsmålet").first().fill("Hvor skal skaterparken ligge?");
  await staff.getByLabel("Svarmuligheder (én pr. linje)").first().fill("Ved havnen\nI Østbyen\nVed skolen");
  if (!showResults) await staff.getByLabel("Vis resultatet, så snart man har stemt").uncheck();
  await staff.getByRole("button", { name: "Gem afstemning" }).click();
  await staff.getByRole("button", { name: "Åbn afstemningen" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "Afstemningen er åben." })).toBeVisible();
  const code = (await staff.locator("strong.mono").textContent())!.replace("/j/", "");
  await staff.close();
  return { code, consultationPath };
}

async function vote(page: Page, answer: string) {
  // The whole tile is the radio button, as a thumb expects.
  await page.getByRole("radio", { name: answer }).check();
  await page.getByRole("button", { name: "Stem" }).click();
  await expect(page.getByRole("heading", { name: "Tak for din stemme!" })).toBeVisible();
}

test.describe("a young person on a phone", () => {
  // Each test first sets up its own consultation and poll as an editor would.
  test.describe.configure({ timeout: 60_000 });

  test("arrives from Snapchat, votes in two taps, sees results, and cannot vote twice", async ({ browser, page }) => {
    const { code } = await ownPoll(browser);
    await page.goto(`/j/${code}?via=snapchat`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hvor skal skaterparken ligge?");
    expect(await hasNoSidewaysScroll(page)).toBe(true);
    await expectAccessible(page);
    for (const box of await page.locator(".choice-label").all()) expect((await box.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await vote(page, "Ved havnen");
    await expect(page.getByText("1 har stemt")).toBeVisible();
    await expect(page.locator(".bars li").first()).toContainText("100 %");
    await expectAccessible(page);

    // Back again: the results, not the form; and a replayed vote is refused, not counted.
    await page.goto(`/j/${code}`);
    await expect(page.getByRole("button", { name: "Stem" })).toHaveCount(0);
    const pollUrl = page.url().split("?")[0];
    const questionId = await page.evaluate(() => document.querySelector(".result-question")?.getAttribute("aria-label"));
    expect(questionId).toBe("Hvor skal skaterparken ligge?");
    const api = await (await page.request.get(`/api/v1/polls/${pollUrl.split("/").pop()}`)).json();
    const form = { [`q_${api.questions[0].id}`]: api.questions[0].options[1].id };
    const replay = await page.request.post(pollUrl, { form, headers: { Origin: new URL(pollUrl).origin }, maxRedirects: 0 });
    expect(replay.status()).toBe(303);
    expect(replay.headers()["location"]).toContain("stemme=vote.alreadyVoted");
    await page.goto(`${pollUrl}?stemme=vote.alreadyVoted`);
    await expect(page.getByText("Du har allerede stemt fra denne enhed – her er resultatet.")).toBeVisible();
    const after = await (await page.request.get(`/api/v1/polls/${api.id}`)).json();
    expect(after.totalVoters).toBe(1);
    expect(after.channels).toEqual({ snapchat: 1 });
  });

  test("a second person's vote moves the first person's bars live", async ({ browser, page }) => {
    const { code } = await ownPoll(browser);
    await page.goto(`/j/${code}?via=instagram`);
    await vote(page, "I Østbyen");
    await page.waitForTimeout(300);
    const marker = await page.evaluate(() => ((window as unknown as { m: number }).m = Math.random()));
    const friend = await (await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true })).newPage();
    await friend.goto(`/j/${code}?via=qr`);
    await vote(friend, "Ved skolen");
    await expect(page.getByText("2 har stemt")).toBeVisible();
    await expect(page.locator(".bars li").filter({ hasText: "Ved skolen" })).toContainText("50 %");
    expect(await page.evaluate(() => (window as unknown as { m: number }).m)).toBe(marker);
  });

  test("works in English and without JavaScript", async ({ browser }) => {
    const { code } = await ownPoll(browser);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`/j/${code}`);
    await page.goto(`${page.url()}${page.url().includes("?") ? "&" : "?"}lng=en`);
    await expect(page.getByRole("button", { name: "Vote" })).toBeVisible();
    await page.getByRole("radio", { name: "Ved havnen" }).check();
    await page.getByRole("button", { name: "Vote" }).click();
    await expect(page.getByRole("heading", { name: "Thanks for voting!" })).toBeVisible();
    expect(await hasNoSidewaysScroll(page)).toBe(true);
  });

  test("a poll that hides its results until it closes shows only how many have voted", async ({ browser, page }) => {
    const { code } = await ownPoll(browser, false);
    await page.goto(`/j/${code}`);
    await vote(page, "Ved havnen");
    await expect(page.getByText("Resultatet bliver vist, når afstemningen er lukket.")).toBeVisible();
    await expect(page.locator(".bars")).toHaveCount(0);
  });

  test("the page unfolds as a card when the link is pasted: og:image is a 1200×630 PNG", async ({ page }) => {
    await page.goto("/j/UNGE26");
    const og = await page.locator('meta[property="og:image"]').getAttribute("content");
    const response = await page.request.get(og!);
    expect(response.headers()["content-type"]).toBe("image/png");
    const png = await response.body();
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  });
});

import { demo, expect, expectAccessible, logIn, test } from "./support.ts";

const moderator = { email: "camilla.friis@fjordby.dk", password: demo.admin.password };
const hearingTitle = "Ny cykelsti langs Strandvejen mellem Fjordby og Strandhøj";

test.describe("post drafts for politicians", () => {
  test("a politician asks, an editor drafts under the neutrality checklist, the politician gets the text and the card", async ({ browser }) => {
    // Two people, two languages and several axe runs: a long journey.
    test.slow();
    // Clipboard access is granted so the copy button can be checked end to end.
    const politician = await (await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] })).newPage();
    await logIn(politician, demo.politician);
    await politician.getByRole("link", { name: "Opslagsudkast" }).click();
    await expect(politician.getByRole("heading", { level: 1 })).toHaveText("Udkast til opslag");
    await expect(politician.getByText("Platformen slår aldrig noget op.", { exact: false })).toBeVisible();
    await expectAccessible(politician);

    const wish = `Jeg vil gerne fortælle, at man kan sende høringssvar om cykelstien på Strandvejen. ${Date.now()}`;
    await politician.getByRole("combobox", { name: /^Sag/ }).selectOption({ label: hearingTitle });
    await politician.getByLabel("Hvad vil du gerne sige?").fill(wish);

    // The hearing has no outcome yet: a post about the outcome is refused, and what was typed stays.
    await politician.getByRole("radio", { name: /^Resultatet/ }).check();
    await politician.getByRole("button", { name: "Send anmodningen" }).click();
    await expect(politician.getByRole("alert")).toContainText("når resultatet er offentliggjort");
    await expect(politician.getByLabel("Hvad vil du gerne sige?")).toHaveValue(wish);
    await expectAccessible(politician);

    await politician.getByRole("radio", { name: /^Sagen/ }).check();
    await politician.getByRole("button", { name: "Send anmodningen" }).click();
    await expect(politician.getByRole("status").filter({ hasText: "Din anmodning er sendt til forvaltningen." })).toBeVisible();
    const mine = politician.locator(".post-draft-item").filter({ hasText: wish });
    await expect(mine.getByText("Venter på udkast")).toBeVisible();

    // The editor sees the open request with who asked and about what.
    const editor = await (await browser.newContext()).newPage();
    await logIn(editor, demo.editor);
    await editor.getByRole("link", { name: "Opslagsudkast" }).click();
    const item = editor.locator(".post-drafts-open .post-draft-item").filter({ hasText: wish });
    await expect(item).toContainText("Lene Dahl Kristensen");
    await expect(item.getByRole("heading", { name: hearingTitle })).toBeVisible();
    await expect(item.getByText("ingen rådgivning om timing eller taktik", { exact: false })).toBeVisible();
    await expectAccessible(editor);

    // Without every checklist item ticked, the draft is refused and nothing is stored.
    const draftText = `Høringen om den nye cykelsti langs Strandvejen er åben. Teknik- og Miljøudvalget beslutter efter høringen. Send dit høringssvar inden fristen. ${Date.now()}`;
    await item.getByLabel("Udkast til opslag").fill(draftText);
    await item.getByRole("radio", { name: /^Story/ }).check();
    await item.getByRole("checkbox", { name: "Teksten gengiver kommunalbestyrelsens beslutning og fakta" }).check();
    await item.getByRole("button", { name: "Send udkastet til politikeren" }).click();
    await expect(item.getByRole("alert")).toHaveText("Sæt flueben ved alle tre punkter i neutralitetstjeklisten, før du sender udkastet.");
    await expect(item.getByLabel("Udkast til opslag")).toHaveValue(draftText);
    await expectAccessible(editor);
    await politician.reload();
    await expect(mine.getByText("Venter på udkast")).toBeVisible();
    await expect(mine.getByRole("textbox")).toHaveCount(0);

    await item.getByRole("checkbox", { name: "Ingen partipolitisk vinkling eller valgpropaganda" }).check();
    await item.getByRole("checkbox", { name: "Ingen angreb på personer eller partier" }).check();
    await expect(item.getByRole("radio", { name: /^Story/ })).toBeChecked();
    await item.getByRole("button", { name: "Send udkastet til politikeren" }).click();
    await expect(editor.getByRole("status").filter({ hasText: "Udkastet er sendt til Lene Dahl Kristensen." })).toBeVisible();
    await expect(item).toHaveCount(0);

    // The log, on the page and as CSV: who asked, who drafted, the texts.
    const logRow = editor.locator(".post-drafts-log tbody tr").filter({ hasText: wish });
    await expect(logRow).toContainText("Lene Dahl Kristensen");
    await expect(logRow).toContainText("Sofie Holm Madsen");
    await expect(logRow).toContainText("Udkast klar");
    const csv = await editor.request.get("/admin/post-drafts.csv");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const body = await csv.text();
    expect(body.startsWith("\uFEFF")).toBe(true);
    const line = body.split("\r\n").find((l) => l.includes(wish))!;
    expect(line).toContain("Lene Dahl Kristensen");
    expect(line).toContain("Sofie Holm Madsen");
    expect(line).toContain(draftText);
    expect(line).toMatch(/,drafted,Sofie Holm Madsen,\d{4}-\d\d-\d\dT/);

    // The politician gets the text to copy and the card to download.
    await politician.reload();
    await expect(mine.getByText("Udkast klar")).toBeVisible();
    await expect(mine).toContainText("Skrevet af Sofie Holm Madsen");
    const draftField = mine.getByRole("textbox", { name: "Udkast til dit opslag" });
    await expect(draftField).toHaveValue(draftText);
    await expect(draftField).toHaveAttribute("readonly", "");
    await mine.getByRole("button", { name: "Kopiér tekst" }).click();
    await expect(mine.getByRole("status")).toHaveText("Teksten er kopieret.");
    expect(await politician.evaluate(() => navigator.clipboard.readText())).toBe(draftText);

    const card = mine.getByRole("img", { name: `Delekort i formatet story for sagen: ${hearingTitle}` });
    await expect(card).toHaveAttribute("src", `/cards/c/${demo.openHearing}/story.png?lng=da`);
    await expect(card).toHaveAttribute("width", "1080");
    await expect(card).toHaveAttribute("height", "1920");
    const download = mine.getByRole("link", { name: "Hent kortet på dansk (PNG)" });
    await expect(download).toHaveAttribute("href", `/cards/c/${demo.openHearing}/story.png?lng=da`);
    await expect(download).toHaveAttribute("download", /\.png$/);
    await expect(mine.getByRole("link", { name: "Hent kortet på engelsk (PNG)" })).toHaveAttribute(
      "href",
      `/cards/c/${demo.openHearing}/story.png?lng=en`,
    );
    // The card routes belong to the sharing feature; once they answer, the card must be a real PNG.
    const png = await politician.request.get(`/cards/c/${demo.openHearing}/story.png?lng=da`);
    if (png.status() !== 404) {
      expect(png.status()).toBe(200);
      expect(png.headers()["content-type"]).toBe("image/png");
    }
    await expectAccessible(politician);

    // English, complete.
    await politician.goto("/admin/post-drafts?lng=en");
    await expect(politician.getByRole("heading", { level: 1 })).toHaveText("Draft posts");
    await expect(politician.getByText("The platform never posts anything.", { exact: false })).toBeVisible();
    await expect(mine.getByText("Draft ready")).toBeVisible();
    await expect(mine.getByRole("img", { name: `Share card in story format for the consultation: ${hearingTitle}` })).toHaveAttribute(
      "src",
      `/cards/c/${demo.openHearing}/story.png?lng=en`,
    );
    await expectAccessible(politician);

    await editor.goto("/admin/post-drafts?lng=en");
    await expect(editor.getByRole("heading", { name: "Log of requests and drafts" })).toBeVisible();
    await expectAccessible(editor);
  });

  test("a politician withdraws an open request; staff no longer see it", async ({ browser }) => {
    const politician = await (await browser.newContext()).newPage();
    await logIn(politician, demo.politician);
    await politician.goto("/admin/post-drafts");
    const wish = `Et kort opslag om, at høringen er åben. ${Date.now()}`;
    await politician.getByRole("combobox", { name: /^Sag/ }).selectOption({ label: hearingTitle });
    await politician.getByLabel("Hvad vil du gerne sige?").fill(wish);
    await politician.getByRole("button", { name: "Send anmodningen" }).click();
    const mine = politician.locator(".post-draft-item").filter({ hasText: wish });
    await mine.getByRole("button", { name: "Træk anmodningen tilbage" }).click();
    await expect(politician.getByRole("status").filter({ hasText: "Anmodningen er trukket tilbage." })).toBeVisible();
    await expect(mine.getByText("Trukket tilbage", { exact: true })).toBeVisible();

    const editor = await (await browser.newContext()).newPage();
    await logIn(editor, demo.editor);
    await editor.goto("/admin/post-drafts");
    await expect(editor.locator(".post-drafts-log tbody tr").filter({ hasText: wish })).toContainText("Trukket tilbage");
    await expect(editor.locator(".post-drafts-open .post-draft-item").filter({ hasText: wish })).toHaveCount(0);
  });

  test("moderators have no access, and politicians cannot export the log", async ({ page, browser }) => {
    await logIn(page, moderator);
    await expect(page.getByRole("link", { name: "Opslagsudkast" })).toHaveCount(0);
    const response = await page.goto("/admin/post-drafts");
    expect(response?.status()).toBe(403);
    expect((await page.request.get("/admin/post-drafts.csv")).status()).toBe(403);

    const politician = await (await browser.newContext()).newPage();
    await logIn(politician, demo.politician);
    expect((await politician.request.get("/admin/post-drafts.csv")).status()).toBe(403);
  });
});

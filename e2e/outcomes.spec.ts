import { test, expect, demo, logIn, publishOwnConsultation, expectAccessible } from "./support.ts";
import { linkIn, openMailbox, type Mailbox } from "./mailbox.ts";

// One mailbox on the run's SMTP port: the specs that read e-mail take turns (see e2e/mailbox.ts).
test.describe.configure({ mode: "serial" });

let mailbox: Mailbox;
test.beforeAll(async () => {
  test.setTimeout(150_000);
  mailbox = await openMailbox();
});
test.afterAll(async () => {
  await mailbox?.close();
});

test("a follower is told the outcome: live on the open page, and by e-mail once the mail server is back", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now();
  const address = `borger.${stamp}@eksempel.dk`;
  const title = `Ny sti langs åen ${stamp}`;

  // The editor puts a hearing out.
  await logIn(page, demo.editor);
  const publicPath = await publishOwnConsultation(page, {
    kind: "hearing",
    title,
    summary: "Vi foreslår en gangsti langs åen fra stationen til skoven, med bænke og lys.",
    decidedBy: "Teknik- og Miljøudvalget",
  });
  const editorPage = page.url();

  // A citizen follows it on a phone and confirms from the e-mail that arrives.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const citizen = await phone.newPage();
  await citizen.goto(publicPath);
  await citizen.getByLabel("Din e-mail").fill(address);
  await citizen.getByLabel("Ja, I må sende mig en e-mail om resultatet af denne sag").check();
  await citizen.getByRole("button", { name: "Følg sagen" }).click();
  await expect(citizen.getByText("Tjek din indbakke")).toBeVisible();
  const confirmation = await mailbox.waitFor((m) => m.to === address, { timeoutMs: 30_000 });
  await citizen.goto(linkIn(confirmation, "bekraeft"));
  await citizen.getByRole("button", { name: "Ja, jeg vil følge sagen" }).click();
  await expect(citizen.getByRole("heading", { name: "Tak – nu følger du sagen" })).toBeVisible();

  // The citizen keeps the consultation open while the council works.
  await citizen.goto(publicPath);

  // The editor closes the hearing and writes the outcome.
  await page.goto(editorPage);
  await page.getByRole("button", { name: "Luk for input nu" }).click();
  await page.getByRole("link", { name: "Skriv resultatet" }).click();
  await expectAccessible(page);
  await page.getByRole("textbox", { name: "Beslutningen" }).fill("Udvalget besluttede at anlægge stien i 2027 med lys og tre bænke.");
  await page.getByRole("group", { name: "Punkt 1" }).getByLabel("I sagde").fill("Mange ønskede lys på stien");
  await page.getByRole("group", { name: "Punkt 1" }).getByLabel("Det gjorde vi").fill("Der kommer lys hele vejen");
  await page.getByRole("button", { name: "Gem kladde" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Kladden er gemt." })).toBeVisible();
  await expect(page.getByText("1 bekræftet følger får en e-mail")).toBeVisible();

  // The mail server goes down just before the outcome is published.
  await mailbox.stop();
  await page.getByLabel("Jeg har læst rapporten igennem, og den kan offentliggøres").check();
  await page.getByRole("button", { name: "Offentliggør og giv besked" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Resultatet er offentliggjort, og 1 følger får besked." })).toBeVisible();

  // The citizen's open page shows the outcome without a reload.
  await expect(citizen.getByRole("heading", { name: "Det blev besluttet" })).toBeVisible({ timeout: 15_000 });
  await expect(citizen.getByText("Udvalget besluttede at anlægge stien i 2027")).toBeVisible();
  await expect(citizen.getByText("Beslutningen er netop offentliggjort.")).toBeVisible();
  await expect(citizen.getByRole("heading", { name: "Hvem deltog" })).toBeVisible();

  // While the server is down nothing arrives; once it is back, the outcome e-mail arrives once.
  await citizen.waitForTimeout(3_000);
  expect(mailbox.messages.filter((m) => m.to === address)).toHaveLength(1);
  await mailbox.start();
  const outcome = await mailbox.waitFor((m) => m.to === address && m.subject === `Beslutning: ${title}`, { timeoutMs: 45_000 });
  expect(outcome.text).toContain("Udvalget besluttede at anlægge stien i 2027");
  expect(outcome.headers["list-unsubscribe"]).toMatch(/afmeld/);
  await citizen.waitForTimeout(4_000);
  expect(mailbox.messages.filter((m) => m.to === address && m.subject === `Beslutning: ${title}`)).toHaveLength(1);

  // The published report is read-only for the editor, and accessible to the citizen.
  await page.reload();
  await expect(page.getByText(/Rapporten kan ikke ændres bagefter/)).toBeVisible();
  await expectAccessible(citizen);
  await phone.close();
});

test("the outcome editor says plainly what is missing, in English too", async ({ page }) => {
  await logIn(page, demo.editor);
  await page.goto("/admin?lng=en");
  // The seeded library hearing is closed and its decision overdue.
  await page.goto("/c/bibliotek-ellemose?lng=en");
  await expect(page.getByText(/decision was expected/i)).toBeVisible();
  await page.goto("/admin?lng=en");
  await page.getByRole("link", { name: "Nye åbningstider på Ellemose Bibliotek" }).first().click();
  await page.getByRole("link", { name: "Write the outcome" }).click();
  await page.getByRole("textbox", { name: "The decision" }).fill("Too short");
  await page.getByRole("group", { name: "Point 1" }).getByLabel("You said").fill("Longer opening hours");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Write the decision – at least 20 characters.")).toBeVisible();
  await expect(page.getByText("Fill in both halves of the point (at least 3 characters) – or empty both.")).toBeVisible();
  // What was typed is kept.
  await expect(page.getByRole("group", { name: "Point 1" }).getByLabel("You said")).toHaveValue("Longer opening hours");
  await expectAccessible(page);
});

import { demo, expect, expectAccessible, fillConsultationForm, logIn, publishOwnConsultation, test } from "./support.ts";

test.describe("an editor", () => {
  test("is refused an invalid form with messages, then creates and publishes a hearing that citizens see", async ({ page }) => {
    await logIn(page, demo.editor);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Ny sag" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ny sag");
    await expectAccessible(page);

    // Too short a title, no kind, closing before opening: nothing is created, every field says why.
    await fillConsultationForm(page, {
      title: "Vej",
      summary: "Kort.",
      decidedBy: "Byrådet",
      opensAt: "2030-05-10T09:00",
      closesAt: "2030-05-01T12:00",
      expectedDecisionAt: "2030-06-01T12:00",
    });
    await page.getByRole("button", { name: "Gem kladde" }).click();
    await expect(page.getByRole("alert")).toContainText("Ret venligst følgende");
    await expect(page.getByText("Vælg om det er høring, deltagelse eller beslutning.").first()).toBeVisible();
    await expect(page.getByText("Titlen skal være mindst 5 tegn.").first()).toBeVisible();
    await expect(page.getByText("Lukketidspunktet skal ligge efter åbningstidspunktet.").first()).toBeVisible();
    await expect(page.getByLabel("Titel")).toHaveAttribute("aria-invalid", "true");
    // What was typed is still there.
    await expect(page.getByLabel("Hvem beslutter")).toHaveValue("Byrådet");
    await expectAccessible(page);

    const title = `Høring om nye bump på Skovvej ${Date.now()}`;
    await fillConsultationForm(page, {
      kind: "hearing",
      title,
      summary: "Vi foreslår tre vejbump på Skovvej for at sænke farten ved børnehaven.",
      body: "Forslaget kort.\n\nDet ligger fast, at vejen forbliver åben.",
      opensAt: "2026-01-01T09:00",
      closesAt: "2030-05-01T12:00",
      expectedDecisionAt: "2030-06-01T12:00",
    });
    await page.getByRole("button", { name: "Gem kladde" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Kladden er gemt" })).toBeVisible();

    // A draft is invisible to citizens.
    const draftHome = await page.context().browser()!.newPage();
    await draftHome.goto("/");
    await expect(draftHome.getByText(title)).toHaveCount(0);

    await page.getByRole("button", { name: "Offentliggør" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Status er nu: Åben" })).toBeVisible();

    await draftHome.reload();
    const card = draftHome.getByRole("region", { name: /Åbne lige nu/ }).getByRole("article").filter({ hasText: title });
    await expect(card).toBeVisible();
    await expect(card.getByText("Høring", { exact: true })).toBeVisible();
    await card.getByRole("link", { name: title }).click();
    // The kind's standard promise was filled in because the editor left it empty.
    await expect(draftHome.getByRole("region", { name: "Det sker med dit høringssvar" }).getByText("Alle høringssvar bliver læst.", { exact: false })).toBeVisible();
    await draftHome.close();
  });

  test("closing a consultation updates a citizen's open page without a reload", async ({ page, browser }) => {
    // A fresh consultation of our own, so parallel tests keep theirs.
    await logIn(page, demo.editor);
    const publicUrl = await publishOwnConsultation(page, {
      kind: "participation",
      title: `Deltagelse om bænke i parken ${Date.now()}`,
      summary: "Hvor skal de nye bænke stå? Kom med dine idéer til parken.",
      decidedBy: "Kultur- og Fritidsudvalget",
    });

    const citizen = await (await browser.newContext()).newPage();
    await citizen.goto(publicUrl);
    await expect(citizen.getByText(/Åben for input indtil/)).toBeVisible();
    await citizen.waitForFunction(() => document.documentElement.dataset.realtime === "joined");
    const marker = await citizen.evaluate(() => ((window as unknown as { __marker: number }).__marker = Math.random()));

    await page.getByRole("button", { name: "Luk for input nu" }).click();
    await expect(citizen.getByText(/Lukket for input/)).toBeVisible();
    // Same document: the page was updated in place, not reloaded.
    expect(await citizen.evaluate(() => (window as unknown as { __marker: number }).__marker)).toBe(marker);
  });

  test("attaches a PDF and a link; citizens can open both, and a disguised file is refused", async ({ page, browser }) => {
    await logIn(page, demo.editor);
    const publicUrl = await publishOwnConsultation(page, {
      kind: "hearing",
      title: `Høring om lokalplan for Søparken ${Date.now()}`,
      summary: "Lokalplanen giver plads til 40 nye boliger ved Søparken. Send dit høringssvar.",
      decidedBy: "Byrådet",
    });
    await expectAccessible(page);
    const upload = page.getByRole("region", { name: "Dokumenter" });
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    await upload.getByLabel("Titel på dokumentet").nth(1).fill("Forslag til lokalplan");
    await upload.getByLabel(/^Fil/).setInputFiles({ name: "lokalplan.pdf", mimeType: "application/pdf", buffer: pdf });
    await upload.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Dokumentet er tilføjet" })).toBeVisible();

    await upload.getByLabel("Titel på dokumentet").nth(1).fill("Ondsindet side");
    await upload.getByLabel(/^Fil/).setInputFiles({ name: "faktura.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><script>alert(1)</script>") });
    await upload.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByText("Kun PDF og billeder (PNG, JPEG, WebP, GIF) kan uploades.")).toBeVisible();

    await upload.getByLabel("Titel på dokumentet").first().fill("Kommunens side om Søparken");
    await upload.getByLabel("Adresse (https://…)").fill("https://www.fjordby.dk/soeparken");
    await upload.getByRole("button", { name: "Tilføj link" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Dokumentet er tilføjet" })).toBeVisible();

    const citizen = await (await browser.newContext()).newPage();
    await citizen.goto(publicUrl);
    const documents = citizen.getByRole("region", { name: "Dokumenter" });
    await expect(documents.getByRole("link")).toHaveText(["Forslag til lokalplan", "Kommunens side om Søparken"]);
    await expect(documents.getByText("Ondsindet side")).toHaveCount(0);
    const href = await documents.getByRole("link", { name: "Forslag til lokalplan" }).getAttribute("href");
    const response = await citizen.request.get(href!);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.from(await response.body()).equals(pdf)).toBe(true);
  });
});

test.describe("roles", () => {
  test("a politician can follow the overview but not create consultations or manage users", async ({ page }) => {
    await logIn(page, demo.politician);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overblik");
    await expect(page.getByRole("link", { name: "Ny sag" })).toHaveCount(0);
    const response = await page.goto("/admin/consultations/new");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Du har ikke adgang");
    expect((await page.goto("/admin/users"))?.status()).toBe(403);
  });

  test("a visitor without a session is sent to the login page and back afterwards", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fusers/);
    await expectAccessible(page);
    await page.getByLabel("E-mail").fill(demo.admin.email);
    await page.getByLabel("Adgangskode").fill("forkert-kode-her");
    await page.getByRole("button", { name: "Log ind" }).click();
    await expect(page.getByText("E-mail eller adgangskode er forkert.")).toBeVisible();
    await page.getByLabel("Adgangskode").fill(demo.admin.password);
    await page.getByRole("button", { name: "Log ind" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Brugere");
    await expectAccessible(page);
  });

  test("an admin's settings form refuses bad values with messages and keeps what was typed", async ({ page }) => {
    await logIn(page, demo.admin);
    await page.getByRole("link", { name: "Indstillinger" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indstillinger");
    await expectAccessible(page);
    await page.getByLabel("Fra kl.").fill("16:00");
    await page.getByLabel("Husregler (én regel pr. linje)").fill("Vær sød ved hinanden");
    await page.getByRole("button", { name: "Gem indstillinger" }).click();
    await expect(page.getByText("Sluttidspunktet skal ligge efter starttidspunktet.").first()).toBeVisible();
    await expect(page.getByLabel("Husregler (én regel pr. linje)")).toHaveValue("Vær sød ved hinanden");
    await page.goto("/husregler");
    await expect(page.locator(".house-rules li")).toHaveCount(4);
  });

  test("an admin creates a staff user who can then log in; logging out ends the session", async ({ page }) => {
    await logIn(page, demo.admin);
    await page.goto("/admin/users");
    const email = `ny.redaktoer.${Date.now()}@fjordby.dk`;
    const form = page.getByRole("region", { name: "Ny bruger" });
    await form.getByLabel("E-mail").fill(email);
    await form.getByLabel("Navn").fill("Ny Redaktør");
    await form.getByLabel("Rolle").selectOption("editor");
    await form.getByLabel("Midlertidig adgangskode").fill("kort");
    await form.getByRole("button", { name: "Opret bruger" }).click();
    await expect(form.getByText("Adgangskoden skal være mindst 12 tegn.").first()).toBeVisible();
    await form.getByLabel("Midlertidig adgangskode").fill("en-rigtig-lang-kode");
    await form.getByRole("button", { name: "Opret bruger" }).click();
    await expect(form.getByText("Brugeren er oprettet.")).toBeVisible();

    await page.getByRole("button", { name: "Log ud" }).click();
    await expect(page).toHaveURL("/");
    expect((await page.goto("/admin"))?.url()).toContain("/login");
    await logIn(page, { email, password: "en-rigtig-lang-kode" });
  });
});

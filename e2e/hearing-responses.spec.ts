import { test, expect, expectAccessible, demo, logIn, publishOwnConsultation } from "./support.ts";

const closedHearing = "lokalplan-mejerigrunden";
const participation = "ungehus-brandstationen";
const formPath = `/c/${demo.openHearing}/hoeringssvar`;
const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

test.describe("hearing responses", () => {
  test("a citizen sends a named response with a PDF and gets a receipt; staff see it in full", async ({ page, browser }) => {
    await page.goto(formPath);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Send et høringssvar");
    await expect(page.locator(".kind-badge")).toHaveText("Høring");
    await expect(page.getByText(/Fristen for høringssvar er \d+\. \w+ \d{4}/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Det sker med dit høringssvar" })).toBeVisible();
    await expectAccessible(page);

    const text = `Cykelstien er en god idé, men husk belysning ved busstoppestedet. ${Date.now()}`;
    await page.getByLabel(/^Navn/).fill("Karen Strandgaard");
    await page.getByLabel("E-mail").fill("karen.strandgaard@eksempel.dk");
    await page.getByLabel(/^Organisation/).fill("Strandhøj Grundejerforening");
    await page.getByLabel(/^Dit svar/).fill(text);
    await page.getByLabel(/^Bilag/).setInputFiles({ name: "belysning.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByLabel("Offentliggør mit svar med mit navn").check();
    await page.getByRole("button", { name: "Send høringssvar" }).click();

    await expect(page).toHaveURL(new RegExp(`/c/${demo.openHearing}/hoeringssvar/kvittering/HS-\\d{4}-[A-Z2-9]{6}$`));
    const receipt = page.url().split("/").pop()!;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tak for dit høringssvar");
    await expect(page.getByText(receipt)).toBeVisible();
    await expect(page.getByText("Offentliggøres med dit navn")).toBeVisible();
    await expect(page.getByText(/Dit svar bliver vist med dit navn/)).toBeVisible();
    // The address can be shared: it never shows who wrote the response.
    await expect(page.getByText("Karen Strandgaard")).toHaveCount(0);
    await expect(page.getByText("karen.strandgaard@eksempel.dk")).toHaveCount(0);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Tilbage til høringen" }).click();
    await expect(page).toHaveURL(`/c/${demo.openHearing}`);

    // Staff in their own browser: the overview leads to the consultation, and its responses list all.
    const staff = await (await browser.newContext()).newPage();
    await logIn(staff, demo.editor);
    const href = await staff.getByRole("link", { name: /Ny cykelsti langs Strandvejen/ }).first().getAttribute("href");
    const id = href!.split("/").pop();
    await staff.goto(`/admin/consultations/${id}/responses`);
    await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Høringssvar");
    await expect(staff.getByText(/\d+ høringssvar modtaget/)).toBeVisible();
    const item = staff.getByRole("article").filter({ hasText: receipt });
    await expect(item).toContainText("Karen Strandgaard");
    await expect(item).toContainText("karen.strandgaard@eksempel.dk");
    await expect(item).toContainText("Strandhøj Grundejerforening");
    await expect(item).toContainText("Med navn");
    await expect(item).toContainText(text);
    await expectAccessible(staff);

    const staffFile = await item.getByRole("link", { name: /belysning/ }).getAttribute("href");
    const fromStaff = await staff.request.get(staffFile!);
    expect(fromStaff.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.from(await fromStaff.body()).equals(pdf)).toBe(true);

    // The same file is public, as the author chose to publish: inline, and never sniffed as anything else.
    const responseId = staffFile!.split("/").at(-2);
    const fromPublic = await page.request.get(`/hoeringssvar/${responseId}/bilag`);
    expect(fromPublic.status()).toBe(200);
    expect(fromPublic.headers()["x-content-type-options"]).toMatch(/^nosniff/);
    expect(fromPublic.headers()["content-disposition"]).toMatch(/^inline/);
    await staff.close();
  });

  test("the form refuses an empty text with a message and keeps what was typed", async ({ page }) => {
    await page.goto(formPath);
    await page.getByLabel(/^Navn/).fill("Peter Vestergaard");
    await page.getByLabel("E-mail").fill("peter@eksempel.dk");
    await page.getByLabel(/^Dit svar/).fill("   ");
    await page.getByLabel("Offentliggør mit svar uden mit navn").check();
    await page.getByRole("button", { name: "Send høringssvar" }).click();

    await expect(page.getByRole("alert")).toContainText("Ret venligst følgende");
    await expect(page.getByText("Skriv dit høringssvar.").first()).toBeVisible();
    await expect(page.getByLabel(/^Dit svar/)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel(/^Navn/)).toHaveValue("Peter Vestergaard");
    await expect(page.getByLabel("E-mail")).toHaveValue("peter@eksempel.dk");
    await expect(page.getByLabel("Offentliggør mit svar uden mit navn")).toBeChecked();
    await expect(page).toHaveURL(formPath);
    await expectAccessible(page);
  });

  test("works without JavaScript: the error keeps the text, and the response is received", async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.goto(formPath);
    const text = `Sendt uden JavaScript ${Date.now()}`;
    await page.getByLabel(/^Dit svar/).fill(text);
    await page.getByRole("button", { name: "Send høringssvar" }).click();
    await expect(page.getByText("Skriv dit navn.").first()).toBeVisible();
    await expect(page.getByText("Vælg, om vi må offentliggøre dit høringssvar.").first()).toBeVisible();
    await expect(page.getByLabel(/^Dit svar/)).toHaveValue(text);

    await page.getByLabel(/^Navn/).fill("Ib Holm");
    await page.getByLabel("E-mail").fill("ib@eksempel.dk");
    await page.getByLabel("Offentliggør ikke mit svar").check();
    await page.getByRole("button", { name: "Send høringssvar" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tak for dit høringssvar");
    await expect(page.getByText("Dit svar bliver ikke offentliggjort.", { exact: false })).toBeVisible();
  });

  test("a closed hearing's form says it is closed; other kinds have no form", async ({ page }) => {
    await page.goto(`/c/${closedHearing}/hoeringssvar`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Send et høringssvar");
    await expect(page.getByRole("heading", { name: "Høringen er lukket for høringssvar" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send høringssvar" })).toHaveCount(0);
    await expect(page.getByLabel(/^Dit svar/)).toHaveCount(0);
    await expectAccessible(page);

    const response = await page.goto(`/c/${participation}/hoeringssvar`);
    expect(response?.status()).toBe(404);
  });

  test("a response sent after the hearing closed is refused, with the closing time, and the text given back", async ({ page, browser }) => {
    await logIn(page, demo.editor);
    const publicUrl = await publishOwnConsultation(page, {
      kind: "hearing",
      title: `Høring om nye p-pladser ved Havnen ${Date.now()}`,
      summary: "Vi foreslår 30 nye parkeringspladser ved Havnen. Send dit høringssvar inden fristen.",
      decidedBy: "Teknik- og Miljøudvalget",
    });

    const citizen = await (await browser.newContext()).newPage();
    await citizen.goto(`${publicUrl}/hoeringssvar`);
    const text = "Jeg er imod flere p-pladser ved Havnen.\n\nBrug pladsen til cykelparkering i stedet.";
    await citizen.getByLabel(/^Navn/).fill("Anna Havgaard");
    await citizen.getByLabel("E-mail").fill("anna@eksempel.dk");
    await citizen.getByLabel(/^Dit svar/).fill(text);
    await citizen.getByLabel("Offentliggør mit svar med mit navn").check();

    // The deadline passes while the citizen is still writing.
    await page.getByRole("button", { name: "Luk for input nu" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Status er nu" })).toBeVisible();

    await citizen.getByRole("button", { name: "Send høringssvar" }).click();
    await expect(citizen.getByRole("alert")).toContainText("Vi kunne ikke modtage dit høringssvar");
    await expect(citizen.getByRole("alert")).toContainText(/Fristen for høringssvar var \d+\. \w+ \d{4}/);
    const givenBack = citizen.getByLabel("Din tekst");
    await expect(givenBack).toHaveValue(text);
    await expect(givenBack).toHaveAttribute("readonly", "");
    await expect(citizen.getByText("Kopiér din tekst og gem den")).toBeVisible();
    await expectAccessible(citizen);
  });

  test("the form and the receipt pass axe in English", async ({ page }) => {
    await page.goto(`${formPath}?lng=en`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Send a hearing response");
    await expectAccessible(page);

    await page.getByLabel(/^Name/).fill("Sarah Miller");
    await page.getByLabel("E-mail").fill("sarah@example.com");
    await page.getByLabel(/^Your response/).fill(`I support the cycle path. ${Date.now()}`);
    await page.getByLabel("Publish my response without my name").check();
    await page.getByRole("button", { name: "Send hearing response" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you for your hearing response");
    await expect(page.getByText("Published without your name")).toBeVisible();
    await expectAccessible(page);
  });
});

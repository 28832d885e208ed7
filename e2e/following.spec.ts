import { test, expect, expectAccessible, hasNoSidewaysScroll, demo } from "./support.ts";
import { linkIn, openMailbox, type Mailbox } from "./mailbox.ts";

// The server mails to one SMTP port for the whole run, so this file holds the mailbox for its
// tests and runs them one after another (see e2e/mailbox.ts).
test.describe.configure({ mode: "serial" });

let mailbox: Mailbox;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  mailbox = await openMailbox();
});
test.afterAll(async () => {
  await mailbox?.close();
});

const unique = (name: string) => `${name}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@eksempel.dk`;

test.describe("following a consultation", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("a citizen follows on a phone, confirms from the e-mail, and unsubscribes from it", async ({ page }) => {
    const email = unique("sofie.borger");
    await page.goto(`/c/${demo.openHearing}`);
    const follow = page.getByRole("region", { name: "Følg sagen" });
    await expect(follow.getByText("Få én e-mail, når resultatet er offentliggjort")).toBeVisible();
    await expectAccessible(page);

    await follow.getByLabel("Din e-mail").fill(email);
    await follow.getByLabel("Ja, I må sende mig en e-mail om resultatet af denne sag").check();
    await follow.getByRole("button", { name: "Følg sagen" }).click();
    // Answered in place: the page did not go anywhere.
    const answer = follow.getByRole("status");
    await expect(answer).toContainText("Tjek din indbakke");
    await expect(answer).toContainText(email);
    await expect(page).toHaveURL(new RegExp(`/c/${demo.openHearing}$`));
    expect(await hasNoSidewaysScroll(page)).toBe(true);
    await expectAccessible(page);

    const mail = await mailbox.waitFor((m) => m.to === email && /^Bekræft, at du vil følge/.test(m.subject), { timeoutMs: 20_000 });
    expect(mail.subject).toContain("Ny cykelsti langs Strandvejen");
    expect(mail.html).toContain("Bekræft, at jeg vil følge sagen");
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    // The link asks first: opening it (as a mail scanner would) confirms nothing by itself.
    await page.goto(linkIn(mail, "bekraeft"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bekræft, at du vil følge sagen");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Ja, jeg vil følge sagen" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tak – nu følger du sagen");
    await expect(page.getByText(/Du får en e-mail, når resultatet af »Ny cykelsti/)).toBeVisible();
    expect(await hasNoSidewaysScroll(page)).toBe(true);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Gå til sagen" }).click();
    await expect(page).toHaveURL(new RegExp(`/c/${demo.openHearing}$`));

    // Unsubscribing from the e-mail's link: a page with a button, then gone.
    await page.goto(linkIn(mail, "afmeld"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Vil du afmelde dig?");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Ja, afmeld mig" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Du er afmeldt");
    await expectAccessible(page);
    await page.goto(linkIn(mail, "bekraeft"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Linket virker ikke");
  });

  test("in English: mistakes are explained, the e-mail is in English, and one click in the mail program unsubscribes", async ({ page }) => {
    const email = unique("sarah.miller");
    await page.goto(`/c/${demo.openHearing}?lng=en`);
    const follow = page.getByRole("region", { name: "Follow this consultation" });
    await follow.getByLabel("Your e-mail").fill("sarah.miller@");
    await follow.getByRole("button", { name: "Follow" }).click();
    await expect(follow.getByText("Enter a valid e-mail address, such as name@example.com.")).toBeVisible();
    await expect(follow.getByText("Tick the box if we may e-mail you about the outcome.")).toBeVisible();
    await expect(follow.getByLabel("Your e-mail")).toHaveAttribute("aria-invalid", "true");
    await expect(follow.getByLabel("Your e-mail")).toBeFocused();
    await expectAccessible(page);

    await follow.getByLabel("Your e-mail").fill(email);
    await follow.getByLabel("Yes, you may e-mail me about the outcome of this consultation").check();
    await follow.getByRole("button", { name: "Follow" }).click();
    await expect(follow.getByRole("status")).toContainText("Check your inbox");
    await expectAccessible(page);

    const mail = await mailbox.waitFor((m) => m.to === email, { timeoutMs: 20_000 });
    expect(mail.subject).toMatch(/^Confirm that you want to follow/);
    expect(mail.text).toContain("Tap the button to confirm.");
    await page.goto(linkIn(mail, "bekraeft"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm that you want to follow");
    await page.getByRole("button", { name: "Yes, I want to follow" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you – you are now following");
    await expectAccessible(page);

    // What a mail program does with List-Unsubscribe-Post (RFC 8058).
    const unsubscribe = mail.headers["list-unsubscribe"]!.replace(/^<|>$/g, "");
    const response = await page.request.post(unsubscribe, { form: { "List-Unsubscribe": "One-Click" } });
    expect(response.status()).toBe(200);
    await page.goto(unsubscribe);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are not subscribed");
    await expectAccessible(page);
  });

  test("following works without JavaScript, on a page of its own", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const email = unique("uden.js");
    await page.goto(`/c/${demo.openHearing}`);
    const follow = page.getByRole("region", { name: "Følg sagen" });
    await follow.getByLabel("Din e-mail").fill(email);
    await follow.getByRole("button", { name: "Følg sagen" }).click();
    await expect(page).toHaveURL(new RegExp(`/c/${demo.openHearing}/foelg$`));
    await expect(page.getByText("Sæt kryds, hvis vi må sende dig en e-mail om resultatet.")).toBeVisible();
    await expect(page.getByLabel("Din e-mail")).toHaveValue(email);
    await page.getByLabel("Ja, I må sende mig en e-mail om resultatet af denne sag").check();
    await page.getByRole("button", { name: "Følg sagen" }).click();
    await expect(page.getByRole("status")).toContainText("Tjek din indbakke");
    // (axe runs as a script in the page, so it cannot check a page without JavaScript.)
    await mailbox.waitFor((m) => m.to === email, { timeoutMs: 20_000 });
    await context.close();
  });

  test("a comment and a hearing response can ask to be told the outcome", async ({ page }) => {
    const commenter = unique("kommentar");
    await page.goto(`/c/${demo.openHearing}`);
    const form = page.locator("form.comment-form").first();
    await form.getByLabel("Dit navn eller kaldenavn").fill("Cyklende nabo");
    await form.getByLabel("Dit indlæg").fill(`Husk cykelparkering ved skolen. ${Date.now()}`);
    await form.getByLabel("Jeg accepterer husreglerne").check();
    await expect(form.getByLabel("E-mail til besked om resultatet")).toHaveCount(0);
    await form.getByLabel("Fortæl mig resultatet af sagen").check();
    await form.getByLabel("E-mail til besked om resultatet").fill(commenter);
    await expectAccessible(page);
    await form.getByRole("button", { name: "Send indlæg" }).click();
    await expect(page.locator("ol.comment-list").getByText("Husk cykelparkering ved skolen.")).toBeVisible();
    const commentMail = await mailbox.waitFor((m) => m.to === commenter, { timeoutMs: 20_000 });
    expect(commentMail.subject).toMatch(/^Bekræft, at du vil følge/);
    // The address belongs to the follow, never to the comment.
    await expect(page.getByText(commenter)).toHaveCount(0);

    const responder = unique("hoeringssvar");
    await page.goto(`/c/${demo.openHearing}/hoeringssvar`);
    await page.getByLabel(/^Navn/).fill("Karen Strandgaard");
    await page.getByLabel("E-mail").fill(responder);
    await page.getByLabel(/^Dit svar/).fill(`Tænk på belysningen. ${Date.now()}`);
    await page.getByLabel("Offentliggør ikke mit svar").check();
    await page.getByLabel("Fortæl mig resultatet, når der er truffet en beslutning").check();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send høringssvar" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tak for dit høringssvar");
    const responseMail = await mailbox.waitFor((m) => m.to === responder, { timeoutMs: 20_000 });
    expect(responseMail.subject).toMatch(/^Bekræft, at du vil følge/);
  });

  test("once the outcome is published, the page says there is nothing more to follow", async ({ page }) => {
    await page.goto(`/c/${demo.decided}`);
    const follow = page.getByRole("region", { name: "Følg sagen" });
    await expect(follow).toContainText("Resultatet er offentliggjort på denne side");
    await expect(follow.getByRole("textbox")).toHaveCount(0);
  });
});

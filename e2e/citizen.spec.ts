import { demo, expect, expectAccessible, hasNoSidewaysScroll, test } from "./support.ts";

test.describe("a citizen", () => {
  test("sees what is open, coming, awaiting decision and decided, in Danish by default", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "da");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hvad skal vi beslutte sammen?");
    for (const section of ["Åbne lige nu", "Afventer beslutning", "Afgjort – det kom der ud af det"]) {
      await expect(page.getByRole("heading", { level: 2, name: new RegExp(section) })).toBeVisible();
    }
    const open = page.getByRole("region", { name: /Åbne lige nu/ });
    await expect(open.getByText("Høring", { exact: true }).first()).toBeVisible();
    await expect(open.getByText("Deltagelse", { exact: true }).first()).toBeVisible();
    await expect(open.getByText("Beslutning", { exact: true }).first()).toBeVisible();
    await expect(page.getByText("Beslutning forsinket")).toBeVisible();
    await expect(page.getByText("Forvaltningen svarer på hverdage kl. 9–15.")).toBeVisible();
    await expectAccessible(page);
  });

  test("switches to English, and the choice is remembered on the next page", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    // The server's own render is English too, not only the hydrated page.
    const html = await (await page.request.get("/?lng=en")).text();
    expect(html).toContain("What shall we decide together?");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("What shall we decide together?");
    await expectAccessible(page);
    await page.getByRole("link", { name: /Ny cykelsti langs Strandvejen/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { name: "What happens to your response" })).toBeVisible();
    await expect(page.getByText(/Open for input until \d+ \w+ \d{4} at \d\d:\d\d/)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Dansk" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "da");
  });

  test("opens a hearing and sees its kind, promise, who decides, timeline, documents and join link", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: /Ny cykelsti langs Strandvejen/ }).click();
    await expect(page).toHaveURL(`/c/${demo.openHearing}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Ny cykelsti langs Strandvejen");
    await expect(page.locator(".consultation-header .kind-badge")).toHaveText("Høring");
    await expect(page.getByRole("heading", { name: "Det sker med dit høringssvar" })).toBeVisible();
    await expect(page.getByText("Hvem beslutter")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Tidsplan" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Dokumenter" })).toBeVisible();
    const qr = page.getByRole("img", { name: /QR-kode/ });
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expectAccessible(page);
  });

  test("follows the short join link from a poster to the consultation", async ({ page }) => {
    await page.goto(`/c/${demo.openHearing}`);
    const joinHref = await page.locator(".join-panel .join-link a").getAttribute("href");
    const code = new URL(joinHref!).pathname.split("/").pop()!;
    await page.goto(`/j/${code.toLowerCase()}?via=qr`);
    await expect(page).toHaveURL(`/c/${demo.openHearing}`);
  });

  test("a mistyped join code gets a friendly page, not an error", async ({ page }) => {
    const response = await page.goto("/j/ZZZZZZ");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Den kode kender vi ikke");
    await expect(page.getByRole("link", { name: "Se alle høringer og forslag" })).toBeVisible();
    await expectAccessible(page);
  });

  test("a decided consultation shows what was decided and 'you said – we did'", async ({ page }) => {
    await page.goto(`/c/${demo.decided}`);
    await expect(page.getByRole("heading", { name: "Det blev besluttet" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Du sagde – vi gjorde" })).toBeVisible();
    await expect(page.locator(".you-said-we-did li")).toHaveCount(3);
    await expectAccessible(page);
  });

  test("finds the house rules from every page, in both languages", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "Husregler for debatten" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Husregler for debatten");
    await expect(page.locator(".house-rules li").first()).toContainText("Hold dig til emnet");
    await expectAccessible(page);
    await page.goto("/husregler?lng=en");
    await expect(page.locator(".house-rules li").first()).toContainText("Stay on topic");
    await expectAccessible(page);
  });

  test("an unknown page answers 404 with a way back", async ({ page }) => {
    const response = await page.goto("/findes-ikke");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Siden findes ikke");
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

  for (const path of ["/", `/c/${demo.openHearing}`, `/c/${demo.decided}`, "/login", "/j/ZZZZZZ"]) {
    for (const lng of ["da", "en"]) {
      test(`${path} in ${lng} reads without sideways scrolling at 320 px`, async ({ page }) => {
        await page.goto(`${path}?lng=${lng}`);
        expect(await hasNoSidewaysScroll(page)).toBe(true);
      });
    }
  }

  test("tap targets in the header are at least 44 px high", async ({ page }) => {
    await page.goto("/");
    for (const link of await page.locator(".site-nav .nav-link").all()) {
      const box = await link.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
    }
  });
});

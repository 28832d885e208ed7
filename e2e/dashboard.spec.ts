import { demo, expect, expectAccessible, hasNoSidewaysScroll, logIn, test } from "./support.ts";
import type { Page } from "@playwright/test";

const moderator = { email: "camilla.friis@fjordby.dk", password: demo.admin.password };
const overdueTitle = "Nye åbningstider på Ellemose Bibliotek";

/** The dashboard's charts are SVG images with a name, and their figures as a table behind a disclosure. */
async function expectChart(page: Page, name: string, tableName: string, row: RegExp) {
  const chart = page.getByRole("img", { name, exact: true });
  await expect(chart).toBeVisible();
  expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");
  const figure = page.getByRole("figure").filter({ has: chart });
  const table = figure.getByRole("table", { name: tableName });
  await expect(table).toBeHidden();
  await figure.getByText(/Vis tallene som tabel|Show the figures as a table/).click();
  await expect(table).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: row })).toHaveCount(1);
}

test.describe("the staff dashboard", () => {
  test("an editor sees each phase, the overdue consultation flagged, this week's activity and who took part", async ({ page }) => {
    await logIn(page, demo.editor);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overblik");

    const overdue = page.getByRole("region", { name: /Beslutning forsinket/ });
    const overdueItem = overdue.getByRole("listitem").filter({ hasText: overdueTitle });
    await expect(overdueItem.getByRole("link", { name: overdueTitle })).toHaveAttribute("href", /^\/admin\/consultations\//);
    await expect(overdueItem.getByText("Forsinket", { exact: true })).toBeVisible();
    await expect(overdueItem.getByText(/\d+ dage forsinket – ventet/)).toBeVisible();
    await expect(page.getByRole("list", { name: "Nøgletal" }).getByRole("listitem").filter({ hasText: "beslutning forsinket" })).toHaveClass("alert");

    await expect(page.getByRole("region", { name: /Lukker inden for 7 dage/ }).getByRole("link", { name: "Hvor er skolevejen til Ellemose Skole utryg?" })).toBeVisible();
    await expect(page.getByRole("region", { name: /^Åbne/ }).getByRole("link", { name: "Hvad skal der ske i det nye ungehus?" })).toBeVisible();
    const awaiting = page.getByRole("region", { name: /Afventer beslutning/ });
    await expect(awaiting.getByRole("link", { name: "Lokalplan for boliger på Mejerigrunden" })).toBeVisible();
    // Overdue is not also "awaiting", and a decided consultation is neither.
    await expect(awaiting.getByRole("link", { name: overdueTitle })).toHaveCount(0);
    await expect(page.getByRole("region", { name: /Afventer beslutning|Beslutning forsinket|^Åbne/ }).getByText("Ny legeplads i Havneparken")).toHaveCount(0);

    // The youth-house poll has had votes every day this week.
    const activity = page.getByRole("region", { name: "Aktivitet de seneste 7 dage" });
    const youthHouse = activity.getByRole("row").filter({ hasText: "Hvad skal der ske i det nye ungehus?" });
    await expect(youthHouse.getByRole("img", { name: /^Input pr\. dag: / })).toBeVisible();
    expect(Number(await youthHouse.getByRole("cell").nth(2).innerText())).toBeGreaterThanOrEqual(77);

    const participation = page.getByRole("region", { name: "Hvem deltog de seneste 12 måneder" });
    await expect(participation.getByText("deltagere (skøn)")).toBeVisible();
    await expectChart(page, "Aldersgrupper: deltagere og indbyggere", "Aldersgrupper: deltagere og indbyggere", /^13-17 år/);
    // A story poll answered by the young: they are pointed out as over-represented.
    await expect(participation.getByText(/Fylder mere blandt deltagerne end blandt indbyggerne: 13-17 år/)).toBeVisible();
    await expectChart(page, "Hvor deltagerne kom fra", "Hvor deltagerne kom fra", /^Snapchat/);
    // Editors do not manage settings, so they are not offered the population figures.
    await expect(page.getByRole("link", { name: /indbyggertal/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Ny sag" }).first()).toBeVisible();
    await expectAccessible(page);

    await page.goto("/admin?lng=en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
    await expect(page.getByRole("region", { name: /Decision overdue/ }).getByText(/\d+ days overdue – expected/)).toBeVisible();
    await expectChart(page, "Age groups: participants and residents", "Age groups: participants and residents", /^13-17 years/);
    await expectChart(page, "Where people came from", "Where people came from", /^Snapchat/);
    await expectAccessible(page);
  });

  test("a moderator sees the same overview, without links to what the role may not do", async ({ page }) => {
    await logIn(page, moderator);
    const overdue = page.getByRole("region", { name: /Beslutning forsinket/ });
    await expect(overdue.getByRole("link", { name: overdueTitle })).toBeVisible();
    await expect(overdue.getByText("Forsinket", { exact: true })).toBeVisible();
    await expect(page.getByRole("img", { name: "Aldersgrupper: deltagere og indbyggere" })).toBeVisible();
    await expect(page.getByRole("img", { name: "Hvor deltagerne kom fra" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Ny sag" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /indbyggertal/ })).toHaveCount(0);
    await expectAccessible(page);

    await page.setViewportSize({ width: 320, height: 800 });
    await page.reload();
    expect(await hasNoSidewaysScroll(page)).toBe(true);
    await page.goto("/admin?lng=en");
    expect(await hasNoSidewaysScroll(page)).toBe(true);
    await expectAccessible(page);
  });

  test("an admin changes the residents of an age group and the chart compares with the new figure", async ({ page }) => {
    await logIn(page, demo.admin);
    const ageChart = page.getByRole("figure").filter({ has: page.getByRole("img", { name: "Aldersgrupper: deltagere og indbyggere" }) });
    await ageChart.getByText("Vis tallene som tabel").click();
    await expect(ageChart.getByRole("row").filter({ hasText: /^65\+ år/ })).toContainText("13.603");
    await page.getByRole("link", { name: "Ret kommunens indbyggertal pr. aldersgruppe" }).click();
    await expect(page).toHaveURL(/\/admin\/settings#population$/);

    const population = page.getByRole("region", { name: "Indbyggere pr. aldersgruppe" });
    // Not a number: refused with a message, and nothing is saved.
    await population.getByLabel("65+ år").fill("mange");
    await population.getByRole("button", { name: "Gem indbyggertal" }).click();
    await expect(population.getByRole("alert")).toContainText("Skriv et helt antal indbyggere mellem 0 og 10.000.000");
    await expect(population.getByLabel("65+ år")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await page.goto("/admin/settings");
    await expect(page.getByRole("region", { name: "Indbyggere pr. aldersgruppe" }).getByLabel("65+ år")).toHaveValue("13603");

    // An older municipality: 40,000 residents aged 65 or over, typed as the statistics print it.
    await page.getByRole("region", { name: "Indbyggere pr. aldersgruppe" }).getByLabel("65+ år").fill("40 000");
    await page.getByRole("button", { name: "Gem indbyggertal" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Indbyggertallene er gemt." })).toBeVisible();
    await expect(page.getByText("I alt 13 år og op: 78.391 indbyggere.")).toBeVisible();

    await page.goto("/admin");
    await ageChart.getByText("Vis tallene som tabel").click();
    // 40,000 of 78,391 residents aged 13 or over are 65 or older: 51 %.
    await expect(ageChart.getByRole("row").filter({ hasText: /^65\+ år/ })).toContainText(/40\.000\s*51\s*%/);
    await expect(page.getByRole("img", { name: "Aldersgrupper: deltagere og indbyggere" })).toContainText(/51\s*%/);

    await page.goto("/admin/settings?lng=en");
    await expect(page.getByRole("heading", { name: "Residents per age group" })).toBeVisible();
    await expectAccessible(page);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await hasNoSidewaysScroll(page)).toBe(true);

    // Back to the seeded figure, so other journeys see the demo as seeded.
    await page.goto("/admin/settings?lng=da");
    await page.getByRole("region", { name: "Indbyggere pr. aldersgruppe" }).getByLabel("65+ år").fill("13603");
    await page.getByRole("button", { name: "Gem indbyggertal" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Indbyggertallene er gemt." })).toBeVisible();
  });
});

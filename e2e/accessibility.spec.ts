/**
 * axe on every page, in Danish and in English: no serious or critical WCAG 2.1 A/AA violation.
 * The list is checked against the route files, so a new page cannot be added without its check.
 */
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { demo, expect, expectAccessible, logIn, test } from "./support.ts";

type Ids = { consultation: string; hearing: string; poll: string; receipt: string };

/** Each page route file, and the address of one real page it renders. */
const publicPages: Record<string, (ids: Ids) => string> = {
  "_index.tsx": () => "/",
  "$.tsx": () => "/ingen-side-her",
  "c.$slug.tsx": () => `/c/${demo.decided}`,
  "c.$slug_.foelg.tsx": () => `/c/${demo.openHearing}/foelg`,
  "c.$slug_.hoeringssvar.tsx": () => `/c/${demo.openHearing}/hoeringssvar`,
  "c.$slug_.hoeringssvar_.kvittering.$receipt.tsx": (ids) => `/c/${demo.openHearing}/hoeringssvar/kvittering/${ids.receipt}`,
  "foelg.$token.afmeld.tsx": () => "/foelg/et-link-der-ikke-findes/afmeld",
  "foelg.$token.bekraeft.tsx": () => "/foelg/et-link-der-ikke-findes/bekraeft",
  "husregler.tsx": () => "/husregler",
  "login.tsx": () => "/login",
  "mine-data.tsx": () => "/mine-data",
  "mine-data_.email.$token.tsx": () => "/mine-data/email/et-link-der-ikke-findes",
  "p.$id.tsx": (ids) => `/p/${ids.poll}`,
  "privatliv.tsx": () => "/privatliv",
  "tilgaengelighed.tsx": () => "/tilgaengelighed",
};

const staffPages: Record<string, (ids: Ids) => string> = {
  "admin._index.tsx": () => "/admin",
  "admin.consultations.$id.tsx": (ids) => `/admin/consultations/${ids.consultation}`,
  "admin.consultations.$id_.outcome.tsx": (ids) => `/admin/consultations/${ids.consultation}/outcome`,
  "admin.consultations.$id_.polls.new.tsx": (ids) => `/admin/consultations/${ids.consultation}/polls/new`,
  "admin.consultations.$id_.responses.tsx": (ids) => `/admin/consultations/${ids.hearing}/responses`,
  "admin.consultations.$id_.summary.tsx": (ids) => `/admin/consultations/${ids.consultation}/summary`,
  "admin.consultations.new.tsx": () => "/admin/consultations/new",
  "admin.moderation.tsx": () => "/admin/moderation",
  "admin.moderation_.log.tsx": () => "/admin/moderation/log",
  "admin.polls.$id.tsx": (ids) => `/admin/polls/${ids.poll}`,
  "admin.post-drafts.tsx": () => "/admin/post-drafts",
  "admin.settings.tsx": () => "/admin/settings",
  "admin.users.tsx": () => "/admin/users",
};

/** Layouts render inside the pages above; they have no address of their own. */
const layouts = ["admin.tsx"];

test("every page route has its place in the accessibility sweep", () => {
  const pages = fs
    .readdirSync(path.resolve("app/routes"))
    .filter((file) => /\.tsx$/.test(file) && /export default/.test(fs.readFileSync(path.resolve("app/routes", file), "utf8")));
  const listed = [...Object.keys(publicPages), ...Object.keys(staffPages), ...layouts];
  expect(pages.filter((file) => !listed.includes(file)), "pages without an accessibility check").toEqual([]);
  expect(listed.filter((file) => !pages.includes(file)), "checks for pages that are gone").toEqual([]);
});

test("the check itself finds a serious violation when one is there", async ({ page }) => {
  await page.goto("/husregler");
  await expectAccessible(page);
  // An unlabelled text field and an image without a text alternative: both serious or critical.
  await page.evaluate(() => {
    const main = document.getElementById("main")!;
    main.append(Object.assign(document.createElement("input"), { type: "text" }));
    main.append(Object.assign(document.createElement("img"), { src: "/favicon.ico" }));
  });
  const failure = await expectAccessible(page).then(() => null, (error: Error) => error.message);
  expect(failure).toContain("label");
  expect(failure).toContain("image-alt");
});

async function findIds(request: APIRequestContext, baseURL: string): Promise<Ids> {
  const { consultations } = (await (await request.get("/api/v1/consultations")).json()) as {
    consultations: { id: string; slug: string; polls: { id: string }[] }[];
  };
  const decided = consultations.find((c) => c.slug === demo.decided)!;
  const hearing = consultations.find((c) => c.slug === demo.openHearing)!;
  const poll = consultations.flatMap((c) => c.polls)[0]!;
  // A response of the sweep's own, for its receipt page.
  const answer = await request.post(`/c/${demo.openHearing}/hoeringssvar`, {
    form: {
      name: "Tove Lindberg",
      email: `tove.${Date.now()}@eksempel.dk`,
      body: "Jeg bakker op om cykelstien, men husk belysning ved busstoppestederne.",
      publication: "anonymous",
    },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  const receipt = (answer.headers()["location"] ?? "").split("/").pop() ?? "";
  expect(receipt, `a hearing response was received (${answer.status()})`).not.toBe("");
  return { consultation: decided.id, hearing: hearing.id, poll: poll.id, receipt };
}

async function sweep(page: Page, pages: Record<string, (ids: Ids) => string>, ids: Ids, lng: "da" | "en") {
  for (const [file, address] of Object.entries(pages)) {
    const url = address(ids);
    await test.step(`${file}: ${url} (${lng})`, async () => {
      const answer = await page.goto(`${url}${url.includes("?") ? "&" : "?"}lng=${lng}`);
      expect(answer?.status(), url).toBeLessThan(file === "$.tsx" || file.includes("$token") ? 500 : 400);
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      await expectAccessible(page);
    });
  }
}

for (const lng of ["da", "en"] as const) {
  test(`public pages pass axe in ${lng === "da" ? "Danish" : "English"}`, async ({ page, baseURL }) => {
    test.slow();
    await sweep(page, publicPages, await findIds(page.request, baseURL!), lng);
  });

  test(`staff pages pass axe in ${lng === "da" ? "Danish" : "English"}`, async ({ page, baseURL }) => {
    test.slow();
    const ids = await findIds(page.request, baseURL!);
    await logIn(page, demo.admin);
    await sweep(page, staffPages, ids, lng);
  });
}

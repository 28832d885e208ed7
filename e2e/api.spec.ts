import { expect, test } from "./support.ts";

test.describe("the open data API", () => {
  test("lists public consultations with their links, never drafts", async ({ request, baseURL }) => {
    const response = await request.get("/api/v1/consultations");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    const { consultations } = await response.json();
    expect(consultations.length).toBeGreaterThanOrEqual(7);
    for (const c of consultations) {
      expect(c).toEqual({
        id: expect.any(String),
        slug: expect.any(String),
        kind: expect.stringMatching(/^(hearing|participation|decision)$/),
        status: expect.stringMatching(/^(scheduled|open|closed|outcome_published|archived)$/),
        title: expect.any(String),
        summary: expect.any(String),
        url: `${baseURL}/c/${c.slug}`,
        joinUrl: expect.stringMatching(new RegExp(`^${baseURL}/j/[A-Z2-9]{3,12}$`)),
        opensAt: expect.any(String),
        closesAt: expect.any(String),
        expectedDecisionAt: expect.any(String),
        polls: expect.any(Array),
        shareCards: expect.any(Object),
      });
    }
  });

  test("unknown API paths answer JSON 404", async ({ request }) => {
    for (const path of ["/api/v1/nothing", "/api/v2/consultations", "/api/"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.json()).toEqual({ error: "not_found" });
    }
  });

  test("the health check answers once the database does", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});

import { demo, expect, test } from "./support.ts";

const sizes = {
  story: { width: 1080, height: 1920 },
  post: { width: 1080, height: 1350 },
  og: { width: 1200, height: 630 },
} as const;

/** Width and height from the PNG's IHDR chunk. */
function pngSize(body: Buffer) {
  expect(body.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

test.describe("share cards", () => {
  for (const lng of ["", "?lng=en"]) {
    for (const format of ["story", "post", "og"] as const) {
      test(`the open hearing's ${format} card${lng ? " in English" : ""} is a PNG of ${sizes[format].width}×${sizes[format].height}`, async ({ request }) => {
        const response = await request.get(`/cards/c/${demo.openHearing}/${format}.png${lng}`);
        expect(response.status()).toBe(200);
        expect(response.headers()["content-type"]).toBe("image/png");
        expect(response.headers()["cache-control"]).toBe("public, max-age=300");
        expect(pngSize(await response.body())).toEqual(sizes[format]);
      });
    }
  }

  test("a card is revalidated by its ETag without being sent again", async ({ request }) => {
    const url = `/cards/c/${demo.openHearing}/og.png?lng=da`;
    const first = await request.get(url);
    const etag = first.headers()["etag"];
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await request.get(url, { headers: { "If-None-Match": etag } });
    expect(again.status()).toBe(304);
  });

  test("Danish and English cards differ", async ({ request }) => {
    const da = await (await request.get(`/cards/c/${demo.openHearing}/og.png?lng=da`)).body();
    const en = await (await request.get(`/cards/c/${demo.openHearing}/og.png?lng=en`)).body();
    expect(da.equals(en)).toBe(false);
  });

  test("an unknown format, consultation or poll is a 404", async ({ request }) => {
    for (const path of [
      `/cards/c/${demo.openHearing}/square.png`,
      `/cards/c/${demo.openHearing}/story.jpg`,
      "/cards/c/findes-ikke/story.png",
      "/cards/p/findes-ikke/story.png",
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
    }
  });
});

import { asciiFileName, attachmentDisposition, exportFileName, spreadsheetDateTime } from "./download.ts";

describe("download names", () => {
  it("a file is named after the export, the consultation and the day, without characters a file system refuses", () => {
    expect(exportFileName(["Høringssvar", 'Ny sti: "Åbyvej"/Ørby?', "2026-05-01"], "csv")).toBe("Høringssvar - Ny sti Åbyvej Ørby - 2026-05-01.csv");
    const long = exportFileName(["Kommentarer", "x".repeat(200)], "csv");
    expect(long.length).toBeLessThan(100);
    expect(long.endsWith("….csv")).toBe(true);
  });

  it("old browsers get the Danish letters spelt out; others get the real name", () => {
    expect(asciiFileName("Følgere - Ærø Åløkke - Café 🍎 - 2026-05-01.csv")).toBe("Foelgere - Aeroe Aaloekke - Cafe - 2026-05-01.csv");
    const header = attachmentDisposition("Høringssvar - Sti (nord) - 2026-05-01.csv");
    expect(header).toBe(
      `attachment; filename="Hoeringssvar - Sti nord - 2026-05-01.csv"; filename*=UTF-8''H%C3%B8ringssvar%20-%20Sti%20%28nord%29%20-%202026-05-01.csv`,
    );
  });
});

describe("times in a spreadsheet", () => {
  it("are Danish wall-clock times, summer and winter", () => {
    expect(spreadsheetDateTime(new Date("2026-07-01T10:30:00Z"))).toBe("2026-07-01 12:30:00");
    expect(spreadsheetDateTime(new Date("2026-01-15T23:05:09Z"))).toBe("2026-01-16 00:05:09");
    expect(spreadsheetDateTime(null)).toBe("");
  });
});

import { toCsv } from "./csv.ts";

describe("CSV exports", () => {
  it("open in Excel with Danish letters intact (UTF-8 byte-order mark, CRLF)", () => {
    const csv = toCsv(["navn"], [["Søren Ærø Åberg"]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe("navn\r\nSøren Ærø Åberg\r\n");
  });

  it("quote commas, quotes and line breaks, so a comment stays in one cell", () => {
    expect(toCsv(["a"], [['Hej, "du"\nnæste linje']]).slice(1)).toBe('a\r\n"Hej, ""du""\nnæste linje"\r\n');
  });

  it("never let a cell run as a spreadsheet formula", () => {
    for (const evil of ["=HYPERLINK(\"x\")", "+1+1", "-2", "@SUM(A1)"]) {
      expect(toCsv(["a"], [[evil]]).split("\r\n")[1].replace(/^"/, "")).toMatch(/^'/);
    }
  });
});

import fs from "node:fs";
import path from "node:path";
import { namespaces, supportedLanguages } from "./config.ts";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function load(lng: string, ns: string): Tree {
  return JSON.parse(fs.readFileSync(path.resolve("public/locales", lng, `${ns}.json`), "utf8"));
}

function placeholders(text: string) {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
}

describe("translations", () => {
  for (const ns of namespaces) {
    it(`every ${ns} text exists in both Danish and English`, () => {
      const [da, en] = supportedLanguages.map((lng) => keys(load(lng, ns)).sort());
      expect(en.filter((k) => !da.includes(k)), "in English but not Danish").toEqual([]);
      expect(da.filter((k) => !en.includes(k)), "in Danish but not English").toEqual([]);
    });

    it(`${ns} texts use the same placeholders in both languages and none is empty`, () => {
      const da = load("da", ns);
      const en = load("en", ns);
      const get = (tree: Tree, key: string) => key.split(".").reduce<Tree | string>((t, k) => (t as Tree)[k], tree) as string;
      for (const key of keys(da)) {
        expect(get(da, key).trim(), `da ${ns}:${key}`).not.toBe("");
        expect(get(en, key).trim(), `en ${ns}:${key}`).not.toBe("");
        expect(placeholders(get(en, key)), `${ns}:${key}`).toEqual(placeholders(get(da, key)));
      }
    });
  }

  it("every t() key used in the code exists in its namespace", () => {
    // Static keys only: t("a.b") with a literal. Dynamic keys are covered by the tests above.
    const files = listFiles(path.resolve("app")).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));
    const missing: string[] = [];
    const all = Object.fromEntries(namespaces.map((ns) => [ns, new Set(keys(load("da", ns)))]));
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      const defaultNs = /useTranslation\("(\w+)"\)/.exec(source)?.[1] ?? /getFixedT\(\w+, "(\w+)"\)/.exec(source)?.[1] ?? "common";
      for (const m of source.matchAll(/\bt\("([a-zA-Z][\w.]*)"/g)) {
        // A key with a count may exist only in its plural forms (key_one, key_other).
        const exists = (set: Set<string>) => set.has(m[1]) || set.has(`${m[1]}_other`);
        if (!(all[defaultNs] && exists(all[defaultNs])) && !Object.values(all).some(exists)) {
          missing.push(`${path.relative(process.cwd(), file)}: ${m[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === "generated" ? [] : listFiles(path.join(dir, e.name))) : [path.join(dir, e.name)],
  );
}

/**
 * Screening before publication: decides whether a citizen's text must be held for a moderator
 * before anyone else sees it. It looks for personal data that should never be published (CPR,
 * phone, e-mail), threats and slurs, and staff members named in full: the KL conversation cards
 * ask councils to protect employees from being "hængt ud" on social media, and a named case
 * worker in a public consultation is exactly that.
 *
 * Screening only holds; a person decides. So the rules lean towards catching the real thing while
 * staying quiet on ordinary municipal text (amounts, years, dates, addresses, postcodes), because
 * a reviewer queue full of budget figures would train reviewers to click "approve" blindly.
 *
 * This runs on every post, so every pattern that does not depend on the caller is built once, at
 * module load, and the employee patterns are cached per list of names.
 */
import { danishSlurs, danishThreats, englishSlurs, englishThreats, harmlessPhrases } from "./wordlists.ts";

export type ScreeningReason = "cpr" | "phone" | "email" | "threat" | "slur" | "employee";

/** Reasons to hold a text for review before anyone else sees it; [] means publish. Order: as listed in the type, each at most once. */
export function screenText(text: string, options: { employeeNames: readonly string[] }): ScreeningReason[] {
  // NFC so that a decomposed "å" typed on some phones reads like a composed one in the
  // plain-text checks (CPR, phone, e-mail, names).
  const plain = text.normalize("NFC");
  const reasons: ScreeningReason[] = [];
  if (containsCpr(plain)) reasons.push("cpr");
  if (containsPhone(plain)) reasons.push("phone");
  if (containsEmail(plain)) reasons.push("email");
  // Threats and slurs are matched on the normalised forms, built once for both lists.
  const forms = matchingForms(plain);
  if (forms.some((form) => threatPattern.test(form))) reasons.push("threat");
  if (forms.some((form) => slurPattern.test(form))) reasons.push("slur");
  if (containsEmployeeName(plain, options.employeeNames)) reasons.push("employee");
  return reasons;
}

// ---------------------------------------------------------------------------------------------
// CPR

// DDMMYY, then an optional dash (any dash a word processor might substitute) or space, then four
// digits. The digit look-arounds keep it out of longer digit runs and decimals ("1.0101901234").
const cprPattern =
  /(?<!\p{N})(?<!\p{N}[.,])(\d{2})(\d{2})(\d{2})[-\u2010-\u2014 \u00A0]?(\d)\d{3}(?!\p{N})(?![.,]\p{N})/gu;

function containsCpr(text: string): boolean {
  for (const match of text.matchAll(cprPattern)) {
    if (isCprDate(Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]))) return true;
  }
  return false;
}

/**
 * Whether DDMMYY is a real date. The century follows from the seventh digit (CPR rules), which
 * only matters for 29 February: 1900 and 1800 were not leap years, 2000 was. No modulus-11
 * check: CPR numbers issued since 2007 do not all satisfy it.
 */
function isCprDate(day: number, month: number, yy: number, seventh: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  let century: number;
  if (seventh <= 3) century = 1900;
  else if (seventh === 4 || seventh === 9) century = yy <= 36 ? 2000 : 1900;
  else century = yy <= 57 ? 2000 : 1800;
  const year = century + yy;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= daysInMonth;
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

const sp = "[ \\u00A0]";
// The forms Danes actually write: 12345678, 12 34 56 78, 1234 5678, 12-34-56-78. "1234-5678" is
// deliberately absent: it is how year ranges are written ("Kommuneplan 2025-2037").
const dkPhonePattern = new RegExp(
  [
    // Not glued to a word, and not the tail of a longer number ("99 12 34 56 78", "1.12345678"),
    // an amount written after "kr.", or a company's public CVR/SE number.
    `(?<![\\p{L}\\p{N}+])(?<!\\p{N}[ \\u00A0.,\\-/])(?<!\\bkr\\.?${sp}?)(?<!\\bdkk${sp}?)`,
    `(?<!\\b(?:cvr(?:[-\\s.]*nr)?|se[-\\s.]*nr)[\\s.:]*)`,
    `(?:(?:\\+|00)45${sp}?-?${sp}?|\\(\\+?45\\)${sp}?)?`,
    `(?:\\d{8}|\\d{2}${sp}\\d{2}${sp}\\d{2}${sp}\\d{2}|\\d{2}-\\d{2}-\\d{2}-\\d{2}`,
    `|(?<first>\\d{4})${sp}(?<second>\\d{4}))`,
    // Not the head of a longer number, and not an amount or a percentage.
    `(?!\\p{N}|[ \\u00A0.,\\-/]\\p{N})(?!\\s*(?:kr\\b|kr\\.|dkk\\b|,-|%|mio\\b|mia\\b|procent\\b))`,
  ].join(""),
  "giu",
);

// International numbers: "+" and 8–15 digits, optionally grouped. +45 is left to the Danish
// pattern above, which knows the Danish groupings.
const intlPhonePattern =
  /(?<![\p{L}\p{N}+])\+(?!45)\d(?:[ \u00A0-]?\d){7,14}(?![ \u00A0-]?\p{N})/u;

const yearLike = /^(?:19|20)\d\d$/;

function containsPhone(text: string): boolean {
  for (const match of text.matchAll(dkPhonePattern)) {
    const { first, second } = match.groups ?? {};
    // "2025 2026" is two years, not a phone number.
    if (first && second && yearLike.test(first) && yearLike.test(second)) continue;
    return true;
  }
  return intlPhonePattern.test(text);
}

// ---------------------------------------------------------------------------------------------
// E-mail

// "@" may be written out to dodge scrapers: "navn [at] domæne.dk", "navn(at)domæne.dk",
// "navn (snabel-a) domæne.dk", and dots as "[dot]" / "(punktum)". A bare " at " is not accepted:
// "at" is one of the most common Danish words.
const emailAt = "(?:@|\\s*[\\[({<]\\s*(?:at|snabel-?a)\\s*[\\])}>]\\s*)";
const emailDot = "(?:\\.|\\s*[\\[({<]\\s*(?:dot|punktum|prik)\\s*[\\])}>]\\s*)";
const emailLabel = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]{0,61}[\\p{L}\\p{N}])?";
const emailPattern = new RegExp(
  // Start only at the beginning of a word, so a long run of letters is scanned once.
  `(?<![\\p{L}\\p{N}._%+\\-])[\\p{L}\\p{N}](?:[\\p{L}\\p{N}._%+\\-]*[\\p{L}\\p{N}])?` +
    `${emailAt}${emailLabel}(?:${emailDot}${emailLabel})*${emailDot}\\p{L}{2,24}(?![\\p{L}\\p{N}])`,
  "iu",
);

function containsEmail(text: string): boolean {
  return emailPattern.test(text);
}

// ---------------------------------------------------------------------------------------------
// Threats and slurs: normalisation

// After normalisation every letter is a–z, æ, ø or å (any other letter becomes "x") and every
// digit 0–9, so the list patterns can use these plain classes: with Unicode property classes
// (\p{L}) the same patterns ran several times slower.
const wordChars = "a-z0-9æøå";
// Everything outside ASCII and æ/ø/å, sorted out one character at a time: in Danish text that is
// a few quotes and dashes, so this is much cheaper than running property classes over all of it.
const nonAsciiPattern = /[^\x00-\x7Fæøå]/gu;
const markChar = /\p{M}/u;
const letterCharAny = /\p{L}/u;
const digitCharAny = /\p{N}/u;
function foldNonAscii(c: string): string {
  if (markChar.test(c)) return "";
  if (letterCharAny.test(c)) return c === "ß" ? "ss" : "x";
  if (digitCharAny.test(c)) return "0";
  return c;
}
// Splits into tokens (even indexes) and what lies between them (odd indexes). "@" and "$" belong
// to tokens because they stand for letters in leetspeak ("f@g", "$passer").
const tokenSplitter = /([^a-z0-9æøå@$]+)/;
const leet: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
};
const leetChar = /[013457@$]/;
const leetChars = /[013457@$]/g;
const foldedLetter = /[a-zæøå]/;

/**
 * Lower case; accents removed but æ/ø/å kept (and ä/ö, as typed on Swedish or German keyboards,
 * read as æ/ø); spaced-out letters joined; leetspeak undone in tokens that contain a letter, so
 * plain numbers ("2026", "500") never turn into words. The ae/oe/aa spellings are left to the
 * compiled patterns (see `plainPattern`), because "aa" may be "å" ("slaa") or just two a's.
 */
function normaliseForMatching(text: string): string {
  const folded = text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/a\u030A/g, "å")
    .replace(/a\u0308/g, "æ")
    .replace(/o\u0308/g, "ø")
    .replace(nonAsciiPattern, foldNonAscii);
  const parts = joinSpacedOut(folded.split(tokenSplitter));
  for (let i = 0; i < parts.length; i += 2) {
    const token = parts[i];
    if (leetChar.test(token) && foldedLetter.test(token)) parts[i] = token.replace(leetChars, (c) => leet[c]);
  }
  return parts.join("");
}

const stretchedRun = /([a-zæøå])\1\1+/;
const stretchedRuns = /([a-zæøå])\1\1+/g;

/**
 * The normalised text, with harmless idioms ("skyde sig selv i foden") taken out, in the forms
 * the lists are matched against. A letter written three or more times is stretched, and is read
 * both as one letter ("dræææbe" → "dræbe") and as two ("niggggger" → "nigger", "slaaaa" → "slaa",
 * which matches "slå"). Exactly two letters are left alone: Danish spells with double
 * consonants, and "dykke" (dive) must not become the slur "dyke".
 */
function matchingForms(text: string): string[] {
  const normalised = normaliseForMatching(text);
  const forms = stretchedRun.test(normalised)
    ? [normalised.replace(stretchedRuns, "$1"), normalised.replace(stretchedRuns, "$1$1")]
    : [normalised];
  return forms.map((form) => form.replace(harmlessPattern, " "));
}

/**
 * Joins three or more single-character tokens separated by the same short separator:
 * "d.r.æ.b.e", "d r æ b e", "k-1-l-l". Requiring the same separator stops "i d.r.æ.b.e" from
 * swallowing the word before it; a line break always ends a run.
 */
function joinSpacedOut(parts: readonly string[]): string[] {
  const joined: string[] = [];
  let i = 0;
  while (i < parts.length) {
    const separator = parts[i + 1];
    if (parts[i].length === 1 && separator !== undefined && separator.length <= 3 && !separator.includes("\n")) {
      let last = i;
      while (last + 2 < parts.length && parts[last + 2].length === 1 && parts[last + 1] === separator) last += 2;
      if (last - i >= 4) {
        let word = "";
        for (let k = i; k <= last; k += 2) word += parts[k];
        joined.push(word, parts[last + 1] ?? "");
        i = last + 2;
        continue;
      }
    }
    joined.push(parts[i], separator ?? "");
    i += 2;
  }
  return joined;
}

// ---------------------------------------------------------------------------------------------
// Threats and slurs: compiling the lists

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// Between the words of a phrase: any spaces or punctuation, or none ("killyou", and the joined
// form of "d r æ b e d i g").
const gap = `[^${wordChars}]*`;

/**
 * Plain text of an entry (no groups) as a pattern. Letters are matched exactly (stretching is
 * undone in `matchingForms`, and exact letters keep the pattern small: the engine's compile time
 * grows faster than a pattern's size); æ/ø/å also match ae/oe/aa; a space is a gap.
 */
function plainPattern(text: string): string {
  let pattern = "";
  for (const letter of text) {
    if (letter === " ") pattern += gap;
    else if (letter === "æ") pattern += "(?:æ|ae)";
    else if (letter === "ø") pattern += "(?:ø|oe)";
    else if (letter === "å") pattern += "(?:å|aa)";
    else pattern += escapeRegExp(letter);
  }
  return pattern;
}

/** An entry with "(a|b)" groups as a pattern. Groups become regex alternations, not expansions,
 * so an entry with several groups stays one short pattern instead of their product. */
function entryPattern(entry: string): string {
  return entry
    .split(/(\([^()]*\))/)
    .map((part) =>
      part.startsWith("(") ? `(?:${part.slice(1, -1).split("|").map(plainPattern).join("|")})` : plainPattern(part),
    )
    .join("");
}

/** Entries in the same spelling as normalised text: lower case, accents off, æ/ø/å kept,
 * anything between words (hyphens, apostrophes) a single space. */
function normaliseEntry(entry: string): string {
  return entry
    .normalize("NFKD")
    .toLowerCase()
    .replace(/a\u030A/g, "å")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}()|]+/gu, " ")
    .trim();
}

/**
 * One regex for a whole list, with entries grouped by their first letter so that at each word
 * the engine compares one letter per group instead of trying every entry. The pattern is kept
 * small on purpose: the engine's compile time grows faster than its size, and spelling out every
 * group (a trie of all phrases, 45 KB) cost about a second on the first post after a start.
 */
function compileList(entries: readonly string[]): RegExp {
  const restsByFirst = new Map<string, Set<string>>();
  const add = (firstLetter: string, rest: string) => {
    const first = plainPattern(firstLetter);
    const rests = restsByFirst.get(first) ?? new Set<string>();
    rests.add(rest);
    restsByFirst.set(first, rests);
  };
  const addEntry = (entry: string) => {
    const leading = /^\(([^()]*)\)/.exec(entry);
    if (!leading) {
      const first = entry[0];
      if (first) add(first, entryPattern(entry.slice(1)));
      return;
    }
    // A leading group is split by first letter, and the rest of the entry written once per
    // letter rather than once per alternative: "(banke|banker|tæske) …" → "b(?:anke|anker)…",
    // "t(?:æske)…".
    const after = entry.slice(leading[0].length);
    const remaindersByFirst = new Map<string, string[]>();
    for (const choice of leading[1].split("|")) {
      const trimmed = choice.trim();
      if (!trimmed) {
        addEntry(after.trim());
        continue;
      }
      remaindersByFirst.set(trimmed[0], [...(remaindersByFirst.get(trimmed[0]) ?? []), trimmed.slice(1)]);
    }
    const rest = entryPattern(after);
    for (const [first, remainders] of remaindersByFirst) {
      add(first, `(?:${remainders.map(plainPattern).join("|")})${rest}`);
    }
  };
  for (const entry of entries) addEntry(normaliseEntry(entry));
  const groups = [...restsByFirst].map(([first, rests]) => `${first}(?:${[...rests].join("|")})`);
  // Whole words only: no letter or digit may touch the match on either side.
  return new RegExp(`(?<![${wordChars}])(?:${groups.join("|")})(?![${wordChars}])`, "u");
}

const threatPattern = compileList([...danishThreats, ...englishThreats]);
const harmlessPattern = new RegExp(compileList(harmlessPhrases).source, "gu");
const slurPattern = compileList([...danishSlurs, ...englishSlurs]);

// ---------------------------------------------------------------------------------------------
// Employee names

/**
 * One pattern that finds any listed first name, and per first name a sticky pattern for the rest
 * of every employee with that first name. The text is scanned once however long the staff list
 * is; the rest is only tried where a first name was found.
 */
type NameMatcher = { firstNames: RegExp | null; restByFirst: Map<string, RegExp> };

// Lists of names rarely change, but differ per municipality; keep a handful of compiled ones.
const nameMatcherCache = new Map<string, NameMatcher>();
const nameMatcherCacheSize = 20;

// Words after a name that make it a place, not a person: "Jens Holms Allé", "Jens Holm Vej".
const placeWords = "vej|allé|alle|gade|stræde|plads|torv|boulevard|vænge|park";

/** Lower case, ae/oe/aa folded into æ/ø/å and "Anne Marie" into "anne-marie", so every
 * spelling the patterns accept finds the same first name. */
function nameKey(word: string): string {
  return word.toLowerCase().replace(/[\s-]+/g, "-").replace(/ae/g, "æ").replace(/oe/g, "ø").replace(/aa/g, "å");
}

/** A name as regex pieces, one per letter; æ/ø/å also match ae/oe/aa ("Soeren" for "Søren"),
 * and the hyphen of a double first name also a space ("Anne Marie" for "Anne-Marie"). */
function nameLetters(part: string): string[] {
  const spellings: Readonly<Record<string, string>> = { æ: "(?:æ|ae)", ø: "(?:ø|oe)", å: "(?:å|aa)", "-": "[\\s-]+" };
  return [...part.toLowerCase()].map((c) => spellings[c] ?? escapeRegExp(c));
}

type TrieNode = { end: boolean; next: Map<string, TrieNode> };

/** An alternation of piece sequences with shared prefixes factored out, so that at each word the
 * engine follows one branch per letter rather than trying every name. */
function trieAlternation(sequences: readonly (readonly string[])[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const sequence of sequences) {
    let node = root;
    for (const piece of sequence) {
      let child = node.next.get(piece);
      if (!child) node.next.set(piece, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.next].map(([piece, child]) => piece + emit(child));
    if (branches.length === 0) return "";
    if (node.end) return `(?:${branches.join("|")})?`;
    return branches.length === 1 ? branches[0] : `(?:${branches.join("|")})`;
  };
  return emit(root);
}

/** All non-empty, in-order selections of the later name parts: Holm, Madsen, Holm Madsen. */
function laterPartChoices(parts: readonly string[]): string[][] {
  // Names with many parts are capped so the pattern stays small; the last parts are kept
  // because the surname is what people use.
  const tail = parts.slice(-5);
  const choices: string[][] = [];
  for (let mask = 1; mask < 1 << tail.length; mask++) {
    choices.push(tail.filter((_, i) => mask & (1 << i)));
  }
  return choices;
}

function buildNameMatcher(employeeNames: readonly string[]): NameMatcher {
  const firstNames = new Map<string, string>();
  const restsByFirst = new Map<string, Set<string>>();
  for (const name of employeeNames) {
    const parts = name.normalize("NFC").trim().split(/\s+/).filter(Boolean);
    // A single name cannot be told apart from a first name or a surname on its own, neither of
    // which may match.
    if (parts.length < 2) continue;
    const key = nameKey(parts[0]);
    firstNames.set(key, parts[0]);
    const rests = restsByFirst.get(key) ?? new Set<string>();
    for (const choice of laterPartChoices(parts.slice(1))) {
      rests.add(choice.map((part) => nameLetters(part).join("")).join("\\s+"));
    }
    restsByFirst.set(key, rests);
  }
  const restByFirst = new Map<string, RegExp>();
  for (const [key, rests] of restsByFirst) {
    restByFirst.set(
      key,
      new RegExp(
        // Starts right after the first name; any whitespace, including line breaks, between parts.
        `\\s+(?:${[...rests].join("|")})` +
          // Possessive "Madsens", or "Jens'" for names ending in s; then a word boundary, so
          // "Jens Holmgaard" is not "Jens Holm"; and not a street named after someone.
          `(?:s|['’]s?)?(?![\\p{L}\\p{N}])(?!\\s+(?:${placeWords})(?![\\p{L}\\p{N}]))`,
        "iuy",
      ),
    );
  }
  const firstNamePattern =
    firstNames.size === 0
      ? null
      : new RegExp(
          // Not the tail of a hyphenated name: "Anne-Sofie Madsen" is not "Sofie Madsen".
          `(?<![\\p{L}\\p{N}-])${trieAlternation([...firstNames.values()].map(nameLetters))}(?=\\s)`,
          "giu",
        );
  return { firstNames: firstNamePattern, restByFirst };
}

function nameMatcherFor(employeeNames: readonly string[]): NameMatcher {
  const cacheKey = employeeNames.join("\n");
  let matcher = nameMatcherCache.get(cacheKey);
  if (!matcher) {
    matcher = buildNameMatcher(employeeNames);
    if (nameMatcherCache.size >= nameMatcherCacheSize) nameMatcherCache.clear();
    nameMatcherCache.set(cacheKey, matcher);
  }
  return matcher;
}

function containsEmployeeName(text: string, employeeNames: readonly string[]): boolean {
  if (employeeNames.length === 0) return false;
  const { firstNames, restByFirst } = nameMatcherFor(employeeNames);
  if (!firstNames) return false;
  for (const first of text.matchAll(firstNames)) {
    const rest = restByFirst.get(nameKey(first[0]));
    if (!rest) continue;
    rest.lastIndex = first.index + first[0].length;
    if (rest.test(text)) return true;
  }
  return false;
}

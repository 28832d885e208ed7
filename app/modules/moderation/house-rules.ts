/**
 * House rules are numbered, shown before posting and on their own page, and cited when content is
 * hidden ("Fjernet: overtrådte regel 2"). A municipality may write its own, one rule a line; until
 * then the default from the seed documents applies, in the reader's language.
 */
export const defaultRuleCount = 4;

function ownRules(custom: string | null | undefined) {
  return (custom ?? "")
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*\d+[.)]\s*/, "").trim())
    .filter(Boolean);
}

export function ruleCount(custom: string | null | undefined) {
  return ownRules(custom).length || defaultRuleCount;
}

export function houseRules(custom: string | null | undefined, t: (key: string) => string): string[] {
  const own = ownRules(custom);
  if (own.length > 0) return own;
  return Array.from({ length: defaultRuleCount }, (_, i) => t(`houseRules.default.${i + 1}`));
}

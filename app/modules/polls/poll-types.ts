/** Question types and the answers a young person can give in one or two taps. */
export const questionTypes = ["single", "multiple", "scale", "yesno"] as const;
export type QuestionType = (typeof questionTypes)[number];

export const ageGroups = ["13-17", "18-24", "25-39", "40-64", "65+"] as const;
export type AgeGroup = (typeof ageGroups)[number];

/** Yes/no answers are stored as keys and translated where they are shown. */
export const yesNoLabels = ["yes", "no"] as const;

export const maxQuestions = 3;
export const maxOptions = 8;

export function fixedOptions(type: QuestionType): string[] | null {
  if (type === "scale") return ["1", "2", "3", "4", "5"];
  if (type === "yesno") return [...yesNoLabels];
  return null;
}

/** Why a plain form vote was refused, carried back to the poll page in its address. */
export const voteRefusals = ["vote.closed", "vote.alreadyVoted", "vote.answerRequired", "vote.invalid", "vote.tooFast", "vote.notFound"] as const;

/**
 * The demo's poll: young people answering from a story about the new youth house, with votes
 * already in so the bars, age groups and channels show something real.
 */
import type { AgeGroup, QuestionType } from "~/modules/polls/poll-types.ts";

export type DemoPoll = {
  consultationKey: string;
  joinCode: string;
  questions: { type: QuestionType; text: string; options?: string[] }[];
  /** Ballots: option indexes per question, age group and channel. */
  ballots: { answers: number[][]; ageGroup: AgeGroup | null; channel: string; count: number }[];
};

export const demoPolls: DemoPoll[] = [
  {
    consultationKey: "ungehus-brandstationen",
    joinCode: "UNGE26",
    questions: [
      {
        type: "single",
        text: "Hvad skal ungehuset have først?",
        options: ["Musikstudie og podcast-rum", "Lektiecafé med hjælp", "Gaming og e-sport", "Værksted og kreativt rum"],
      },
      { type: "scale", text: "Hvad synes du om, at ungehuset kommer i den gamle brandstation?" },
    ],
    ballots: [
      { answers: [[0], [4]], ageGroup: "13-17", channel: "snapchat", count: 23 },
      { answers: [[2], [3]], ageGroup: "13-17", channel: "snapchat", count: 17 },
      { answers: [[1], [3]], ageGroup: "18-24", channel: "instagram", count: 12 },
      { answers: [[0], [3]], ageGroup: "18-24", channel: "instagram", count: 9 },
      { answers: [[3], [2]], ageGroup: "13-17", channel: "qr", count: 8 },
      { answers: [[1], [4]], ageGroup: "40-64", channel: "facebook", count: 5 },
      { answers: [[2], [1]], ageGroup: null, channel: "web", count: 3 },
    ],
  },
];

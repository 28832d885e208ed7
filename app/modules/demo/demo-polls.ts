/**
 * The demo's polls, with votes already in so the bars, age groups and channels show something
 * real: young people answering from a story about the new youth house (skewed young, as a story
 * poll is), and the closed vote on the playground sketches, answered mostly by parents.
 */
import type { AgeGroup, QuestionType } from "~/modules/polls/poll-types.ts";

export type DemoPoll = {
  consultationKey: string;
  joinCode: string;
  questions: { type: QuestionType; text: string; options?: string[] }[];
  /** Ballots: option indexes per question, age group and channel. */
  ballots: { answers: number[][]; ageGroup: AgeGroup | null; channel: string; count: number }[];
  /** Closed polls belong to consultations that have closed; their ballots are dated while they were open. */
  status?: "open" | "closed";
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
  {
    // The outcome says 287 voted and 64 % preferred sketch B: these ballots add up to exactly that.
    consultationKey: "legeplads-havneparken",
    joinCode: "HAVN25",
    status: "closed",
    questions: [
      {
        type: "single",
        text: "Hvilken skitse skal den nye legeplads bygges efter?",
        options: ["Skitse A: klassisk legeplads", "Skitse B: maritimt tema med klatreskib"],
      },
    ],
    ballots: [
      { answers: [[1]], ageGroup: "25-39", channel: "facebook", count: 58 },
      { answers: [[0]], ageGroup: "25-39", channel: "facebook", count: 27 },
      { answers: [[1]], ageGroup: "25-39", channel: "qr", count: 30 },
      { answers: [[0]], ageGroup: "25-39", channel: "qr", count: 16 },
      { answers: [[1]], ageGroup: "40-64", channel: "facebook", count: 31 },
      { answers: [[0]], ageGroup: "40-64", channel: "email", count: 22 },
      { answers: [[1]], ageGroup: "40-64", channel: "web", count: 25 },
      { answers: [[0]], ageGroup: "65+", channel: "email", count: 18 },
      { answers: [[1]], ageGroup: "65+", channel: "web", count: 13 },
      { answers: [[1]], ageGroup: "18-24", channel: "instagram", count: 9 },
      { answers: [[0]], ageGroup: "18-24", channel: "instagram", count: 5 },
      { answers: [[1]], ageGroup: "13-17", channel: "qr", count: 7 },
      { answers: [[0]], ageGroup: "13-17", channel: "qr", count: 2 },
      { answers: [[1]], ageGroup: null, channel: "web", count: 11 },
      { answers: [[0]], ageGroup: null, channel: "web", count: 13 },
    ],
  },
];

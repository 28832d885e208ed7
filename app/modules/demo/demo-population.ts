/**
 * Fjordby Kommune's residents per age group: a mid-sized Danish municipality of about 60,000
 * (of whom some 8,000 are children under 13, whom the polls do not ask). The shares follow the
 * shape of Danmarks Statistik's age pyramid for a provincial municipality: a little older than
 * the country as a whole, with fewer young adults, who move to the university cities.
 */
import type { AgeGroup } from "~/modules/polls/poll-types.ts";

export const demoPopulation: Record<AgeGroup, number> = {
  // Five one-year cohorts of about 740.
  "13-17": 3712,
  // Seven cohorts, thinned by those who leave to study.
  "18-24": 4389,
  "25-39": 9874,
  "40-64": 20416,
  "65+": 13603,
};

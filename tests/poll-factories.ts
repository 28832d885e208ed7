/** An open poll of its own municipality and consultation, for tests that vote. */
import { createPoll, getPublicPoll, setPollStatus } from "~/modules/polls/polls.server.ts";
import { createConsultation, createMunicipality, createStaff } from "./factories.ts";

/** `form` is the poll form as the editor posts it; by default one single-choice question. */
export async function openTestPoll(form: Record<string, string> = { "q0.type": "single", "q0.text": "Hvad skal ungehuset have?", "q0.options": "Musik\nGaming" }) {
  const m = await createMunicipality();
  const user = await createStaff(m.id, "editor");
  const editor = { id: user.id, municipalityId: m.id };
  const consultation = await createConsultation(m.id, { kind: "participation" });
  const created = await createPoll(consultation.id, form, editor);
  if (!created.ok) throw new Error(JSON.stringify(created.errors));
  await setPollStatus(created.value.id, "open", editor);
  const poll = (await getPublicPoll(created.value.id))!;
  return { poll, editor, consultation };
}

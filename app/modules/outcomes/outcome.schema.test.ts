import { parseOutcomeForm, parseEvidence, maxPoints } from "./outcome.schema.ts";

const decision = "Byrådet besluttede at anlægge cykelstien langs Skolevej i 2027.";

describe("the outcome form", () => {
  it("keeps filled points in order, drops wholly empty rows and reads evidence", () => {
    const result = parseOutcomeForm({
      decision: `  ${decision}\r\n`,
      "points.0.youSaid": "Mange ønskede lys på stien",
      "points.0.weDid": "Der kommer gadelys hele vejen",
      "points.0.evidence": "comment:c123",
      "points.1.youSaid": "",
      "points.1.weDid": "",
      "points.2.youSaid": "Bekymring for træerne",
      "points.2.weDid": "De fleste træer bevares",
      "points.2.evidence": "poll:p9",
    });
    expect(result).toEqual({
      ok: true,
      data: {
        decision,
        points: [
          { youSaid: "Mange ønskede lys på stien", weDid: "Der kommer gadelys hele vejen", evidence: { kind: "comment", id: "c123" } },
          { youSaid: "Bekymring for træerne", weDid: "De fleste træer bevares", evidence: { kind: "poll", id: "p9" } },
        ],
      },
    });
  });

  it("a missing decision, a half-filled point and forged evidence are errors on their own fields", () => {
    const result = parseOutcomeForm({
      decision: "Kort",
      "points.3.youSaid": "Mere lys",
      "points.3.weDid": "",
      "points.4.youSaid": "Træer",
      "points.4.weDid": "Bevares",
      "points.4.evidence": "user:admin",
    });
    expect(result).toEqual({
      ok: false,
      errors: { decision: "validation.decisionTooShort", "points.3.weDid": "validation.pointHalfEmpty", "points.4.evidence": "validation.evidenceUnknown" },
    });
  });

  it(`refuses more than ${maxPoints} points and a decision over the limit`, () => {
    const form: Record<string, string> = { decision: "x".repeat(20_001) };
    for (let i = 0; i <= maxPoints; i++) Object.assign(form, { [`points.${i}.youSaid`]: `Tema ${i}`, [`points.${i}.weDid`]: `Svar ${i}` });
    const result = parseOutcomeForm(form);
    expect(result.ok ? null : result.errors).toEqual({ decision: "validation.decisionTooLong", form: "validation.tooManyPoints" });
  });

  it("evidence is a comment or a poll id, nothing else", () => {
    expect(parseEvidence("")).toBeNull();
    expect(parseEvidence("poll:abc_1-2")).toEqual({ kind: "poll", id: "abc_1-2" });
    expect(parseEvidence("comment:<script>")).toBe("invalid");
    expect(parseEvidence(["poll:a"])).toBeNull();
  });
});

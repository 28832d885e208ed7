/** What the user typed, given back as it was so nothing is lost on a failed submission. */
export function stringValues(values: Record<string, FormDataEntryValue>) {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
}

/** The posted form, or a 400 when the body is not one: a malformed body is the sender's mistake. */
export async function readFormOr400(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Bad request", { status: 400 });
  }
}

/** What the user typed, given back as it was so nothing is lost on a failed submission. */
export function stringValues(values: Record<string, FormDataEntryValue>) {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "string" ? v : ""]));
}

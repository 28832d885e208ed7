/**
 * Posts written while the connection is down wait here, in the browser, and are sent when it comes
 * back. Each carries the id the server de-duplicates on, so a post is stored exactly once however
 * often it is sent.
 */
export type OutboxItem = {
  clientId: string;
  body: string;
  displayName: string;
  parentId: string | null;
  acceptRules: boolean;
  /** "Tell me the outcome": the address to follow with, sent with the post and never stored on it. */
  followEmail?: string | null;
  /** The page's language, which is the language of the e-mails to that address. */
  locale?: string;
  queuedAt: string;
};

const key = (consultationId: string) => `raadslag:outbox:${consultationId}`;

export function readOutbox(consultationId: string): OutboxItem[] {
  try {
    const raw = window.localStorage.getItem(key(consultationId));
    const items = raw ? (JSON.parse(raw) as OutboxItem[]) : [];
    return Array.isArray(items) ? items.filter((i) => typeof i?.clientId === "string" && typeof i.body === "string") : [];
  } catch {
    return [];
  }
}

export function writeOutbox(consultationId: string, items: OutboxItem[]) {
  try {
    if (items.length === 0) window.localStorage.removeItem(key(consultationId));
    else window.localStorage.setItem(key(consultationId), JSON.stringify(items));
  } catch {
    // Private mode or a full quota: the item still lives in the page's memory.
  }
}

export function newClientId() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export type SendResult =
  | { kind: "sent"; held: boolean; comment: unknown }
  | { kind: "refused"; errors: Partial<Record<string, string>> }
  | { kind: "offline" };

/** Sends one post; "offline" means try again later, "refused" means the server said no. */
export async function sendPost(slug: string, item: OutboxItem): Promise<SendResult> {
  const form = new FormData();
  form.set("intent", "comment");
  form.set("clientId", item.clientId);
  form.set("body", item.body);
  form.set("displayName", item.displayName);
  if (item.parentId) form.set("parentId", item.parentId);
  if (item.acceptRules) form.set("acceptRules", "on");
  if (item.followEmail) {
    form.set("followOutcome", "on");
    form.set("followEmail", item.followEmail);
  }
  if (item.locale) form.set("locale", item.locale);
  let response: Response;
  try {
    response = await fetch(`/c/${encodeURIComponent(slug)}/comments`, {
      method: "POST",
      body: form,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    return { kind: "offline" };
  }
  if (response.status >= 500) return { kind: "offline" };
  const data = (await response.json().catch(() => null)) as { ok?: boolean; held?: boolean; comment?: unknown; errors?: Record<string, string> } | null;
  if (response.ok && data?.ok) return { kind: "sent", held: !!data.held, comment: data.comment };
  return { kind: "refused", errors: data?.errors ?? { form: "validation.invalid" } };
}

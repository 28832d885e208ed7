/** Staff roles and what each may do. Citizens have no account: they never appear here. */
export const staffRoles = ["admin", "editor", "moderator", "politician"] as const;
export type StaffRole = (typeof staffRoles)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (staffRoles as readonly string[]).includes(value);
}

const grants = {
  "admin:view": ["admin", "editor", "moderator", "politician"],
  "consultation:write": ["admin", "editor"],
  "users:manage": ["admin"],
  "moderation:act": ["admin", "moderator"],
  "settings:manage": ["admin"],
  // The Odense model: only politicians ask for draft posts; only staff who write texts draft them.
  "postDrafts:request": ["politician"],
  "postDrafts:draft": ["admin", "editor"],
  // Hearing responses, private ones included: the staff who run the hearing and the politicians who
  // decide on it read them; moderators keep the public discussion and have no need to.
  "responses:read": ["admin", "editor", "politician"],
  // Responders' e-mail addresses, on the page and in the export: only staff who answer them.
  "responses:contact": ["admin", "editor"],
  // CSV exports of a consultation. Hearing responses carry names and e-mail addresses, so only
  // staff who run consultations get them; comments go to moderators too; poll results are public.
  "exports:responses": ["admin", "editor"],
  "exports:comments": ["admin", "editor", "moderator"],
  "exports:polls": ["admin", "editor", "politician"],
  "exports:followers": ["admin", "editor"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof grants;

export function can(role: string, permission: Permission): boolean {
  return (grants[permission] as readonly string[]).includes(role);
}

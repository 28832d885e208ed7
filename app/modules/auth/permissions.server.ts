/** Permission checks for loaders and actions: a missing permission is a 403, never a silent no-op. */
import { can, type Permission } from "./roles.ts";
import { requireStaffUser, type StaffUser } from "./session.server.ts";

export async function requireUserWithPermission(request: Request, permission: Permission): Promise<StaffUser> {
  const user = await requireStaffUser(request);
  if (!can(user.role, permission)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

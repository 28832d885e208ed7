import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { can } from "~/modules/auth/roles.ts";

export const handle = { i18n: ["common", "admin", "consultations", "moderation", "polls"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "admin:view");
  return {
    user: { name: user.name, role: user.role },
    canWrite: can(user.role, "consultation:write"),
    canManageUsers: can(user.role, "users:manage"),
    canModerate: can(user.role, "moderation:act"),
    canManageSettings: can(user.role, "settings:manage"),
    canPostDrafts: can(user.role, "postDrafts:request") || can(user.role, "postDrafts:draft"),
  };
}

export default function AdminLayout() {
  const { user, canWrite, canManageUsers, canModerate, canManageSettings, canPostDrafts } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const { t: tPostDrafts } = useTranslation("postDrafts");
  return (
    <div className="admin">
      <div className="admin-bar">
        <div className="admin-bar-inner">
          <p className="admin-user">
            {t("layout.signedInAs", { name: user.name })} · <span className="role-tag">{t(`roles.${user.role}`)}</span>
          </p>
          <nav aria-label={t("layout.nav")} className="admin-nav">
            <NavLink to="/admin" end>
              {t("layout.overview")}
            </NavLink>
            {canWrite ? <NavLink to="/admin/consultations/new">{t("layout.newConsultation")}</NavLink> : null}
            {canModerate ? <NavLink to="/admin/moderation">{t("layout.moderation")}</NavLink> : null}
            {canPostDrafts ? <NavLink to="/admin/post-drafts">{tPostDrafts("nav")}</NavLink> : null}
            {canManageUsers ? <NavLink to="/admin/users">{t("layout.users")}</NavLink> : null}
            {canManageSettings ? <NavLink to="/admin/settings">{t("layout.settings")}</NavLink> : null}
          </nav>
        </div>
      </div>
      <Outlet />
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { staffRoles } from "~/modules/auth/roles.ts";
import { createStaffUser, listStaffUsers, updateStaffUser } from "~/modules/auth/users.server.ts";
import { SelectField, TextField, FormErrorSummary } from "~/components/ui/field.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { stringValues, readFormOr400 } from "~/utils/form.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "users:manage");
  const t = await getFixedT(request, "admin");
  return { users: await listStaffUsers(user.municipalityId), me: user.id, title: t("users.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUserWithPermission(request, "users:manage");
  const form = Object.fromEntries(await readFormOr400(request));
  const intent = String(form.intent ?? "");
  if (intent === "create") {
    const result = await createStaffUser(form, actor.municipalityId);
    const { password: _password, ...values } = stringValues(form);
    return result.ok
      ? { intent, ok: true, errors: {} as Record<string, string | undefined> }
      : { intent, ok: false, errors: result.errors, values };
  }
  if (intent === "update") {
    const userId = String(form.userId ?? "");
    const result = await updateStaffUser(userId, form, actor);
    return result.ok ? { intent, userId, ok: true, errors: {} } : { intent, userId, ok: false, errors: result.errors };
  }
  throw new Response("Unknown intent", { status: 400 });
}

export default function Users() {
  const { users, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const roleOptions = staffRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const created = actionData?.intent === "create" ? actionData : undefined;
  const createErrors = created?.errors ?? {};
  const createValues = created && "values" in created ? created.values : undefined;
  return (
    <div className="page">
      <h1>{t("users.title")}</h1>
      <div className="admin-columns">
        <section className="panel" aria-labelledby="staff-title">
          <h2 id="staff-title">{t("users.list")}</h2>
          <ul className="user-list">
            {users.map((u) => {
              const result = actionData?.intent === "update" && "userId" in actionData && actionData.userId === u.id ? actionData : undefined;
              return (
                <li key={u.id} className={u.disabledAt ? "disabled" : undefined}>
                  <Form method="post" className="user-row">
                    <input type="hidden" name="intent" value="update" />
                    <input type="hidden" name="userId" value={u.id} />
                    <p className="user-email">
                      <strong>{u.email}</strong>
                      {u.id === me ? <span className="muted"> ({t("users.you")})</span> : null}
                      {u.disabledAt ? <span className="status-label status-archived">{t("users.disabled")}</span> : null}
                    </p>
                    <div className="user-fields">
                      <TextField label={t("users.name")} name="name" defaultValue={u.name} required />
                      <TextField label={t("users.titleField")} name="title" defaultValue={u.title ?? ""} />
                      <SelectField label={t("users.role")} name="role" defaultValue={u.role} options={roleOptions} />
                    </div>
                    <label className="checkbox">
                      <input type="checkbox" name="active" defaultChecked={!u.disabledAt} /> {t("users.active")}
                    </label>
                    {result && !result.ok ? (
                      <p className="field-error" role="alert">
                        {Object.values(result.errors).map((k) => t(k as string)).join(" ")}
                      </p>
                    ) : null}
                    {result?.ok ? (
                      <p className="flash small" role="status">
                        {t("users.saved")}
                      </p>
                    ) : null}
                    <button type="submit" className="button secondary small">
                      {t("users.save")}
                    </button>
                  </Form>
                </li>
              );
            })}
          </ul>
        </section>
        <section className="panel" aria-labelledby="new-user-title">
          <h2 id="new-user-title">{t("users.new")}</h2>
          {created?.ok ? (
            <p className="flash" role="status">
              {t("users.created")}
            </p>
          ) : null}
          <FormErrorSummary title={t("form.errorTitle")} messages={Object.values(createErrors).map((k) => t(k as string))} />
          <Form method="post" noValidate className="stack" key={created?.ok ? "reset" : "form"}>
            <input type="hidden" name="intent" value="create" />
            <TextField label={t("users.email")} name="email" type="email" required autoComplete="off" defaultValue={createValues?.email} error={createErrors.email ? t(createErrors.email) : undefined} />
            <TextField label={t("users.name")} name="name" required defaultValue={createValues?.name} error={createErrors.name ? t(createErrors.name) : undefined} />
            <TextField label={t("users.titleField")} name="title" defaultValue={createValues?.title} hint={t("users.titleHint")} error={createErrors.title ? t(createErrors.title) : undefined} />
            <SelectField label={t("users.role")} name="role" required defaultValue={createValues?.role ?? "editor"} options={roleOptions} error={createErrors.role ? t(createErrors.role) : undefined} />
            <TextField label={t("users.password")} name="password" type="password" required autoComplete="new-password" hint={t("users.passwordHint")} error={createErrors.password ? t(createErrors.password) : undefined} />
            <button type="submit" className="button">
              {t("users.create")}
            </button>
          </Form>
        </section>
      </div>
    </div>
  );
}

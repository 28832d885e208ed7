import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { authenticate } from "~/modules/auth/users.server.ts";
import { createStaffSession, getStaffUser, safeRedirect } from "~/modules/auth/session.server.ts";
import { TextField, FormErrorSummary } from "~/components/ui/field.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";

export const handle = { i18n: ["common", "auth"] };

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaffUser(request)) throw redirect("/admin");
  const t = await getFixedT(request, "auth");
  return { title: t("login.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Log ind" }];

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const result = await authenticate(Object.fromEntries(form));
  if (!result.ok) {
    return { errors: result.errors, email: String(form.get("email") ?? "").slice(0, 254) };
  }
  const cookie = await createStaffSession(result.value.id, request);
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation("auth");
  const errors = actionData?.errors ?? {};
  const messages = Object.values(errors).filter(Boolean).map((k) => t(k as string));
  return (
    <div className="page narrow">
      <div className="form-card">
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("login.intro")}</p>
        <FormErrorSummary title={t("login.errorTitle")} messages={messages} />
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/admin"} />
          <TextField
            label={t("login.email")}
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={actionData?.email}
            error={errors.email ? t(errors.email) : undefined}
          />
          <TextField
            label={t("login.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={errors.password ? t(errors.password) : undefined}
          />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? t("login.submitting") : t("login.submit")}
          </button>
        </Form>
      </div>
    </div>
  );
}

import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { authenticate } from "~/modules/auth/users.server.ts";
import { createStaffSession, getStaffUser, safeRedirect } from "~/modules/auth/session.server.ts";
import { loginThrottle, type LoginWait } from "~/modules/auth/login-throttle.server.ts";
import { TextField, FormErrorSummary } from "~/components/ui/field.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { retryAfterHeaders } from "~/utils/retry-after.ts";

export const handle = { i18n: ["common", "auth"] };

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaffUser(request)) throw redirect("/admin");
  const t = await getFixedT(request, "auth");
  return { title: t("login.title") };
}

export const headers = retryAfterHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Log ind" }];

type LoginActionData = { errors: Partial<Record<string, string>>; email: string; retryAfterSeconds?: number };

/** Refused for too many attempts: 429 with Retry-After, and the wait on the form. */
function tooMany(wait: NonNullable<LoginWait>, email: string) {
  return data<LoginActionData>(
    { errors: { form: "login.tooMany" }, email, retryAfterSeconds: wait.seconds },
    { status: 429, headers: { "Retry-After": String(wait.seconds) } },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData().catch(() => null);
  if (!form) return data<LoginActionData>({ errors: { form: "login.invalid" }, email: "" }, { status: 400 });
  const fields = Object.fromEntries(form);
  const email = String(form.get("email") ?? "").slice(0, 254);
  const address = context.clientAddress ?? "unknown";
  const wait = await loginThrottle.attempt(fields.email, address);
  if (wait) return tooMany(wait, email);
  const result = await authenticate(fields);
  if (!result.ok) {
    // Only a checked password counts; an empty or malformed field guessed nothing.
    if (result.errors.form !== "login.invalid") {
      await loginThrottle.release(fields.email, address);
      return data<LoginActionData>({ errors: result.errors, email }, { status: 400 });
    }
    const lock = await loginThrottle.failure(fields.email);
    if (lock) return tooMany(lock, email);
    return data<LoginActionData>({ errors: result.errors, email }, { status: 400 });
  }
  await loginThrottle.success(fields.email, address);
  const cookie = await createStaffSession(result.value.id, request);
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation("auth");
  const errors = actionData?.errors ?? {};
  const retry = actionData?.retryAfterSeconds;
  const messages = Object.values(errors)
    .filter(Boolean)
    .map((k) => (k === "login.tooMany" && retry ? `${t("login.tooMany", { wait: waitText(t, retry) })} ${t("login.tooManyHint")}` : t(k as string)));
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

/** A wait in whole minutes, or in hours once it is long. */
function waitText(t: (key: string, options: { count: number }) => string, seconds: number) {
  const minutes = Math.ceil(seconds / 60);
  return minutes > 120 ? t("login.hours", { count: Math.ceil(minutes / 60) }) : t("login.minutes", { count: minutes });
}

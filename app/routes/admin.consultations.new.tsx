import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { createConsultation } from "~/modules/consultations/consultations.server.ts";
import { defaultPromiseInDanish } from "~/modules/consultations/promise.server.ts";
import { ConsultationForm } from "~/modules/consultations/ui/consultation-form.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { stringValues, readFormOr400 } from "~/utils/form.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "consultation:write");
  const t = await getFixedT(request, "admin");
  return { title: t("new.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "consultation:write");
  const values = Object.fromEntries(await readFormOr400(request));
  const result = await createConsultation(values, user, await defaultPromiseInDanish());
  if (!result.ok) return { errors: result.errors, values: stringValues(values) };
  return redirect(`/admin/consultations/${result.value.id}?created=1`);
}

export default function NewConsultation() {
  useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  return (
    <div className="page narrow">
      <h1>{t("new.title")}</h1>
      <p className="lead">{t("new.intro")}</p>
      <ConsultationForm values={actionData?.values ?? {}} errors={actionData?.errors ?? {}} submitLabel={t("new.submit")} />
    </div>
  );
}

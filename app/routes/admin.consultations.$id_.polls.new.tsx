import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { getStaffConsultation } from "~/modules/consultations/consultations.server.ts";
import { createPoll } from "~/modules/polls/polls.server.ts";
import { PollForm, pollFormValuesFrom } from "~/modules/polls/ui/poll-form.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { stringValues, readFormOr400 } from "~/utils/form.ts";

export const handle = { i18n: ["common", "admin", "polls"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "consultation:write");
  const consultation = await getStaffConsultation(params.id ?? "", user.municipalityId);
  if (!consultation) throw new Response("Not found", { status: 404 });
  const t = await getFixedT(request, "polls");
  return { consultation: { id: consultation.id, title: consultation.title }, title: t("admin.newTitle") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "consultation:write");
  const form = stringValues(Object.fromEntries(await readFormOr400(request)));
  const result = await createPoll(params.id ?? "", form, user);
  if (!result.ok) return { errors: result.errors, values: form };
  return redirect(`/admin/polls/${result.value.id}?created=1`);
}

export default function NewPoll() {
  const { consultation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("polls");
  const values = actionData?.values
    ? pollFormValuesFrom(actionData.values)
    : { questions: [{ type: "single", text: "", options: "" }], askAgeGroup: true, showResultsBeforeClose: true };
  return (
    <div className="page narrow">
      <p className="breadcrumb">
        <Link to={`/admin/consultations/${consultation.id}`}>{consultation.title}</Link>
      </p>
      <h1>{t("admin.newTitle")}</h1>
      <p className="lead">{t("admin.newIntro")}</p>
      <PollForm values={values} errors={actionData?.errors ?? {}} submitLabel={t("admin.create")} />
    </div>
  );
}

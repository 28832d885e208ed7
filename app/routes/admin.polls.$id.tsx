import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { can } from "~/modules/auth/roles.ts";
import { getPollForStaff, getTallies, setPollStatus, updatePoll } from "~/modules/polls/polls.server.ts";
import { channelCounts } from "~/modules/channels/channels.server.ts";
import { PollForm, pollFormValuesFrom } from "~/modules/polls/ui/poll-form.tsx";
import { PollResults } from "~/modules/polls/ui/poll-results.tsx";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { stringValues, readFormOr400 } from "~/utils/form.ts";

export const handle = { i18n: ["common", "admin", "polls"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "admin:view");
  const poll = await getPollForStaff(params.id ?? "", user.municipalityId);
  if (!poll) throw new Response("Not found", { status: 404 });
  const [tallies, arrivals, t] = await Promise.all([getTallies(poll.id), channelCounts("poll", poll.id), getFixedT(request, "polls")]);
  return { poll, tallies, arrivals, canWrite: can(user.role, "consultation:write"), title: poll.questions[0]?.text ?? t("title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "consultation:write");
  const form = stringValues(Object.fromEntries(await readFormOr400(request)));
  const id = params.id ?? "";
  if (form.intent === "open" || form.intent === "close") {
    const result = await setPollStatus(id, form.intent === "open" ? "open" : "closed", user);
    return result.ok ? { ok: `status.${result.value.status}`, errors: {} } : { errors: result.errors };
  }
  const result = await updatePoll(id, form, user);
  return result.ok ? { ok: "saved", errors: {} } : { errors: result.errors, values: form };
}

export default function EditPoll() {
  const { poll, tallies, arrivals, canWrite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation("polls");
  const flash = actionData && "ok" in actionData && actionData.ok ? t(`admin.flash.${actionData.ok}`) : params.get("created") ? t("admin.flash.created") : null;
  const values =
    actionData && "values" in actionData && actionData.values
      ? pollFormValuesFrom(actionData.values)
      : {
          questions: poll.questions.map((q) => ({ type: q.type, text: q.text, options: q.type === "single" || q.type === "multiple" ? q.options.map((o) => o.label).join("\n") : "" })),
          askAgeGroup: poll.askAgeGroup,
          showResultsBeforeClose: poll.showResultsBeforeClose,
        };
  const formError = actionData?.errors && "form" in actionData.errors ? actionData.errors.form : null;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/admin/consultations/${poll.consultation.id}`}>{poll.consultation.title}</Link>
      </p>
      <div className="page-head">
        <div>
          <p className="status-label">{t(`admin.status.${poll.status}`)}</p>
          <h1>{poll.questions[0]?.text}</h1>
        </div>
        <div className="button-row">
          {poll.status !== "draft" ? (
            <Link to={`/p/${poll.id}`} className="button secondary">
              {t("admin.viewPublic")}
            </Link>
          ) : null}
          {canWrite && poll.status !== "closed" ? (
            <Form method="post">
              <input type="hidden" name="intent" value={poll.status === "draft" ? "open" : "close"} />
              <button className="button">{poll.status === "draft" ? t("admin.open") : t("admin.close")}</button>
            </Form>
          ) : null}
        </div>
      </div>
      {flash ? (
        <p className="flash" role="status">
          {flash}
        </p>
      ) : null}
      {formError ? (
        <p className="field-error" role="alert">
          {t(`admin.${formError}`)}
        </p>
      ) : null}
      <p>
        {t("admin.shortLink")} <strong className="mono">/j/{poll.joinCode}</strong>
      </p>
      <div className="admin-columns">
        <section className="panel" aria-labelledby="poll-results-title">
          <h2 id="poll-results-title">{t("results.title")}</h2>
          <p>{t("results.total", { count: tallies.totalVoters })}</p>
          <PollResults questions={poll.questions} votes={tallies.votes} totalVoters={tallies.totalVoters} />
          <h3>{t("admin.channels")}</h3>
          <ul className="plain-list">
            {Object.entries(arrivals).length === 0 ? <li className="muted">{t("admin.noArrivals")}</li> : null}
            {Object.entries(arrivals).map(([channel, count]) => (
              <li key={channel}>
                {t(`admin.channel.${channel}`)}: <strong>{count}</strong>
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="poll-edit-title">
          <h2 id="poll-edit-title">{t("admin.questions")}</h2>
          {canWrite && tallies.totalVoters === 0 ? (
            <PollForm values={values} errors={actionData?.errors ?? {}} submitLabel={t("admin.save")} />
          ) : (
            <p className="muted">{tallies.totalVoters > 0 ? t("admin.lockedAfterVotes") : t("admin.readOnly")}</p>
          )}
        </section>
      </div>
    </div>
  );
}

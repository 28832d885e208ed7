import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { can } from "~/modules/auth/roles.ts";
import {
  applyLifecycleAction,
  getStaffConsultation,
  updateConsultation,
} from "~/modules/consultations/consultations.server.ts";
import { addFileDocument, addLinkDocument, maxDocumentBytes, removeDocument } from "~/modules/consultations/documents.server.ts";
import { defaultPromiseInDanish } from "~/modules/consultations/promise.server.ts";
import { lifecycleActions, type LifecycleAction } from "~/modules/consultations/lifecycle.ts";
import { ConsultationForm } from "~/modules/consultations/ui/consultation-form.tsx";
import { DocumentsEditor } from "~/modules/consultations/ui/documents-editor.tsx";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { StatusLabel } from "~/modules/consultations/ui/status-label.tsx";
import { TextField } from "~/components/ui/field.tsx";
import { stringValues } from "~/utils/form.ts";
import { setDiscussionBrakes } from "~/modules/moderation/moderation.server.ts";
import { listPollsForStaff } from "~/modules/polls/polls.server.ts";
import { exportLinksFor } from "~/modules/reports/export-kinds.ts";
import { ExportsPanel } from "~/modules/reports/ui/exports-panel.tsx";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "admin:view");
  const consultation = await getStaffConsultation(params.id ?? "", user.municipalityId);
  if (!consultation) throw new Response("Not found", { status: 404 });
  const polls = await listPollsForStaff(consultation.id, user.municipalityId);
  return { consultation, polls, canWrite: can(user.role, "consultation:write"), canModerate: can(user.role, "moderation:act"), canReadResponses: can(user.role, "responses:read"), exportLinks: exportLinksFor(user.role, consultation) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.consultation.title }];

type ActionResult = {
  intent: string;
  errors: Partial<Record<string, string>>;
  values?: Record<string, string>;
  ok?: string;
};

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult> {
  const user = await requireUserWithPermission(request, "admin:view");
  const id = params.id ?? "";
  let form: FormData;
  try {
    form = request.headers.get("Content-Type")?.startsWith("multipart/form-data")
      ? await unstable_parseMultipartFormData(
          request,
          unstable_createMemoryUploadHandler({ maxPartSize: maxDocumentBytes }),
        )
      : await request.formData();
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      return { intent: "add-file", errors: { file: "validation.fileTooLarge" } };
    }
    throw new Response("Bad request", { status: 400 });
  }
  const intent = String(form.get("intent") ?? "");
  if (intent === "brakes") {
    if (!can(user.role, "moderation:act")) throw new Response("Forbidden", { status: 403 });
    const result = await setDiscussionBrakes(
      id,
      {
        slowModeMinutes: Number(form.get("slowModeMinutes") ?? 0),
        paused: form.get("paused") === "on",
        pauseMessage: typeof form.get("pauseMessage") === "string" ? String(form.get("pauseMessage")) : null,
      },
      { id: user.id, name: user.name, municipalityId: user.municipalityId },
    );
    return result.ok ? { intent, errors: {}, ok: "brakesSaved" } : { intent, errors: result.errors };
  }
  if (!can(user.role, "consultation:write")) throw new Response("Forbidden", { status: 403 });
  switch (intent) {
    case "save": {
      const values = Object.fromEntries(form);
      const result = await updateConsultation(id, values, user, await defaultPromiseInDanish());
      return result.ok ? { intent, errors: {}, ok: "saved" } : { intent, errors: result.errors, values: stringValues(values) };
    }
    case "lifecycle": {
      const requested = String(form.get("action") ?? "");
      if (!(lifecycleActions as readonly string[]).includes(requested)) {
        return { intent, errors: { form: "validation.actionNotAllowed" } };
      }
      const result = await applyLifecycleAction(id, requested as LifecycleAction, user);
      return result.ok ? { intent, errors: {}, ok: `status.${result.value.status}` } : { intent, errors: result.errors };
    }
    case "add-link": {
      const values = Object.fromEntries(form);
      const result = await addLinkDocument(id, values, user);
      return result.ok ? { intent, errors: {}, ok: "documentAdded" } : { intent, errors: result.errors, values: stringValues(values) };
    }
    case "add-file": {
      const file = form.get("file");
      const result = await addFileDocument(id, { title: form.get("title"), file: file instanceof File ? file : null }, user);
      return result.ok
        ? { intent, errors: {}, ok: "documentAdded" }
        : { intent, errors: result.errors, values: { title: String(form.get("title") ?? "") } };
    }
    case "remove-document": {
      const removed = await removeDocument(String(form.get("documentId") ?? ""), user);
      return removed ? { intent, errors: {}, ok: "documentRemoved" } : { intent, errors: { form: "validation.notFound" } };
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

export default function EditConsultation() {
  const { consultation: c, polls, canWrite, canModerate, canReadResponses, exportLinks } = useLoaderData<typeof loader>();
  const { t: tp } = useTranslation("polls");
  const { t: tm } = useTranslation("moderation");
  const { t: to } = useTranslation("outcomes");
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation("consultations");
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const flash = actionData?.ok
    ? actionData.ok === "brakesSaved"
      ? tm("brakes.saved")
      : actionData.ok.startsWith("status.")
      ? t("edit.statusChanged", { status: tc(actionData.ok) })
      : t(`edit.${actionData.ok}`)
    : params.get("created")
      ? t("edit.created")
      : null;
  const lifecycleError = resultFor("lifecycle")?.errors.form;
  // Documents about the decision are managed with the outcome report.
  const backgroundDocuments = c.documents.filter((d) => d.purpose !== "outcome");

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/admin">{t("layout.overview")}</Link>
      </p>
      <div className="page-head">
        <div>
          <div className="card-meta">
            <KindBadge kind={c.kind} />
            <StatusLabel status={c.status} overdue={c.overdue} />
          </div>
          <h1>{c.title}</h1>
        </div>
        <div className="button-row">
          {c.kind === "hearing" && canReadResponses ? (
            <Link to={`/admin/consultations/${c.id}/responses`} className="button secondary">
              {t("edit.hearingResponses")}
            </Link>
          ) : null}
          {c.status !== "draft" ? (
            <Link to={`/c/${c.slug}`} className="button secondary">
              {t("edit.viewPublic")}
            </Link>
          ) : null}
        </div>
      </div>
      {flash ? (
        <p className="flash" role="status">
          {flash}
        </p>
      ) : null}

      <div className="admin-columns">
        <section aria-labelledby="content-title" className="panel">
          <h2 id="content-title">{t("edit.content")}</h2>
          {canWrite && c.editable ? (
            <ConsultationForm
              values={resultFor("save")?.values ?? c}
              errors={resultFor("save")?.errors ?? {}}
              submitLabel={t("edit.save")}
              kindLocked={c.kindLocked}
            />
          ) : (
            <p className="muted">{canWrite ? t("edit.notEditable") : t("edit.readOnly")}</p>
          )}
        </section>

        <div className="stack">
          <section aria-labelledby="lifecycle-title" className="panel">
            <h2 id="lifecycle-title">{t("edit.lifecycle")}</h2>
            <p>
              {t("edit.joinCode")} <strong className="mono">{c.joinCode}</strong>
            </p>
            {lifecycleError ? (
              <p className="field-error" role="alert">
                {t(lifecycleError)}
              </p>
            ) : null}
            {canWrite && c.actions.length > 0 ? (
              <div className="button-row">
                {c.actions.map((a) => (
                  <Form method="post" key={a}>
                    <input type="hidden" name="intent" value="lifecycle" />
                    <input type="hidden" name="action" value={a} />
                    <button type="submit" className={`button ${a === "publish" ? "" : "secondary"}`} disabled={navigation.state !== "idle"}>
                      {t(`edit.actions.${a}`)}
                    </button>
                  </Form>
                ))}
              </div>
            ) : (
              <p className="muted">{t("edit.noActions")}</p>
            )}
            <p className="field-hint">{t(`edit.statusHelp.${c.status}`)}</p>
            {c.status === "closed" || c.status === "outcome_published" || c.outcome ? (
              <p>
                <Link to={`/admin/consultations/${c.id}/outcome`} className={`button ${c.status === "closed" ? "" : "secondary"}`}>
                  {c.status === "closed" ? to("editor.writeOutcome") : to("editor.seeOutcome")}
                </Link>
              </p>
            ) : null}
          </section>

          <section aria-labelledby="polls-title" className="panel">
            <h2 id="polls-title">{tp("admin.polls")}</h2>
            {polls.length === 0 ? <p className="muted">{tp("admin.noPolls")}</p> : null}
            <ul className="plain-list">
              {polls.map((p) => (
                <li key={p.id}>
                  <Link to={`/admin/polls/${p.id}`}>{p.question}</Link>{" "}
                  <span className="status-label">{tp(`admin.status.${p.status}`)}</span>{" "}
                  <span className="muted small">{tp("admin.votesCount", { count: p.votes })}</span>
                </li>
              ))}
            </ul>
            {canWrite ? (
              <Link to={`/admin/consultations/${c.id}/polls/new`} className="button secondary small">
                {tp("admin.newPoll")}
              </Link>
            ) : null}
          </section>

          <ExportsPanel consultationId={c.id} links={exportLinks} />

          {canModerate ? (
            <section aria-labelledby="brakes-title" className="panel">
              <h2 id="brakes-title">{tm("brakes.title")}</h2>
              <p className="field-hint">{tm("brakes.intro")}</p>
              <Form method="post" className="stack" noValidate>
                <input type="hidden" name="intent" value="brakes" />
                <TextField
                  label={tm("brakes.slowMode")}
                  name="slowModeMinutes"
                  type="number"
                  min={0}
                  max={1440}
                  defaultValue={String(c.slowModeMinutes)}
                  hint={tm("brakes.slowModeHint")}
                  error={resultFor("brakes")?.errors.slowModeMinutes ? tm(resultFor("brakes")!.errors.slowModeMinutes!) : undefined}
                />
                <label className="checkbox">
                  <input type="checkbox" name="paused" defaultChecked={!!c.discussionPausedAt} /> {tm("brakes.pause")}
                </label>
                <TextField label={tm("brakes.pauseMessage")} name="pauseMessage" maxLength={300} defaultValue={c.pauseMessage ?? ""} />
                <button type="submit" className="button secondary">
                  {tm("brakes.save")}
                </button>
              </Form>
            </section>
          ) : null}

          <section aria-labelledby="documents-title" className="panel">
            <h2 id="documents-title">{t("edit.documents")}</h2>
            {backgroundDocuments.length === 0 ? <p className="muted">{t("edit.noDocuments")}</p> : null}
            <DocumentsEditor documents={backgroundDocuments} canWrite={canWrite} addLinkResult={resultFor("add-link")} addFileResult={resultFor("add-file")} />
          </section>
        </div>
      </div>
    </div>
  );
}

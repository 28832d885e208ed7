/**
 * The outcome report editor: /admin/consultations/:id/outcome. Written while the consultation is
 * closed, saved as a draft as often as needed, published once. Works as plain forms.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUserWithPermission } from "~/modules/auth/permissions.server.ts";
import { can } from "~/modules/auth/roles.ts";
import { getOutcomeForEditor, publishOutcome, saveOutcomeDraft } from "~/modules/outcomes/outcomes.server.ts";
import { parseFigures } from "~/modules/representativeness/figures.ts";
import { addFileDocument, addLinkDocument, maxDocumentBytes, removeDocument } from "~/modules/consultations/documents.server.ts";
import { maxPoints, decisionLimits } from "~/modules/outcomes/outcome.schema.ts";
import { PointsEditor, type PointValues } from "~/modules/outcomes/ui/points-editor.tsx";
import { OutcomeReport, outcomeStylesHref } from "~/modules/outcomes/ui/outcome-report.tsx";
import { ParticipationFiguresView } from "~/modules/outcomes/ui/participation-figures.tsx";
import { KindBadge } from "~/modules/consultations/ui/kind-badge.tsx";
import { DocumentsEditor } from "~/modules/consultations/ui/documents-editor.tsx";
import { StatusLabel } from "~/modules/consultations/ui/status-label.tsx";
import { TextField } from "~/components/ui/field.tsx";
import { publicOrigin } from "~/utils/env.server.ts";
import { formatDate } from "~/utils/time.ts";
import type { Language } from "~/i18n/config.ts";

export const handle = { i18n: ["common", "admin", "consultations", "outcomes", "dashboard"] };

export const links = () => [{ rel: "stylesheet", href: outcomeStylesHref }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "admin:view");
  const outcome = await getOutcomeForEditor(params.id ?? "", user.municipalityId);
  if (!outcome) throw new Response("Not found", { status: 404 });
  return { outcome, canWrite: can(user.role, "consultation:write") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.outcome.title} · Rådslag` : "Rådslag" }];

type ActionResult = {
  intent: string;
  errors: Partial<Record<string, string>>;
  values?: Record<string, string>;
  ok?: string;
  followersNotified?: number;
};

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult> {
  const user = await requireUserWithPermission(request, "consultation:write");
  const id = params.id ?? "";
  let form: FormData;
  try {
    form = request.headers.get("Content-Type")?.startsWith("multipart/form-data")
      ? await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxDocumentBytes }))
      : await request.formData();
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { intent: "add-file", errors: { file: "validation.fileTooLarge" } };
    throw new Response("Bad request", { status: 400 });
  }
  const intent = String(form.get("intent") ?? "");
  const values = Object.fromEntries([...form].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  switch (intent) {
    case "save":
    case "add-point": {
      const result = await saveOutcomeDraft(id, values, user);
      return result.ok ? { intent, errors: {}, ok: "saved", values: intent === "add-point" ? values : undefined } : { intent, errors: result.errors, values };
    }
    case "publish": {
      if (form.get("confirm") !== "on") return { intent, errors: { confirm: "validation.confirmPublish" } };
      const result = await publishOutcome(id, user, publicOrigin(request));
      return result.ok ? { intent, errors: {}, ok: "published", followersNotified: result.value.followersNotified } : { intent, errors: result.errors };
    }
    case "add-link": {
      const result = await addLinkDocument(id, values, user, "outcome");
      return result.ok ? { intent, errors: {}, ok: "documentAdded" } : { intent, errors: result.errors, values };
    }
    case "add-file": {
      const file = form.get("file");
      const result = await addFileDocument(id, { title: form.get("title"), file: file instanceof File ? file : null }, user, "outcome");
      return result.ok ? { intent, errors: {}, ok: "documentAdded" } : { intent, errors: result.errors, values: { title: String(form.get("title") ?? "") } };
    }
    case "remove-document": {
      const removed = await removeDocument(String(form.get("documentId") ?? ""), user);
      return removed ? { intent, errors: {}, ok: "documentRemoved" } : { intent, errors: { form: "validation.notFound" } };
    }
    default:
      throw new Response("Unknown intent", { status: 400 });
  }
}

/** The rows to show: what was submitted (on an error or "add a point"), else what is saved. */
function pointRows(saved: PointValues[], submitted: Record<string, string> | undefined, addOne: boolean): PointValues[] {
  let rows = saved;
  if (submitted) {
    const indexes = [...new Set(Object.keys(submitted).flatMap((k) => /^points\.(\d+)\./.exec(k)?.[1] ?? []))].map(Number).sort((a, b) => a - b);
    rows = indexes.map((i) => ({
      index: i,
      youSaid: submitted[`points.${i}.youSaid`] ?? "",
      weDid: submitted[`points.${i}.weDid`] ?? "",
      evidence: submitted[`points.${i}.evidence`] ?? "",
    }));
  }
  const filled = rows.filter((r) => r.youSaid || r.weDid);
  const wanted = Math.min(maxPoints, Math.max(filled.length + (addOne ? 1 : 0), rows.length, 2));
  const out = [...rows];
  let next = out.reduce((m, r) => Math.max(m, r.index + 1), 0);
  while (out.length < wanted) out.push({ index: next++, youSaid: "", weDid: "", evidence: "" });
  return out;
}

export default function OutcomeEditor() {
  const { outcome: o, canWrite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation("outcomes");
  const { t: ta } = useTranslation("admin");
  const lng = i18n.language as Language;
  const busy = navigation.state !== "idle";
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  const saveResult = resultFor("save") ?? resultFor("add-point");
  const saved: PointValues[] = (o.outcome?.points ?? []).map((p, index) => ({
    index,
    youSaid: p.youSaid,
    weDid: p.weDid,
    evidence: p.commentId ? `comment:${p.commentId}` : p.pollId ? `poll:${p.pollId}` : "",
  }));
  const submitted = saveResult && (!saveResult.ok || saveResult.intent === "add-point") ? saveResult.values : undefined;
  const rows = pointRows(saved, submitted, saveResult?.intent === "add-point" && !!saveResult.ok);
  const published = !!o.outcome?.publishedAt;
  const flash =
    actionData?.ok === "published"
      ? t("editor.publishedFlash", { count: actionData.followersNotified ?? 0 })
      : actionData?.ok
        ? t(`editor.flash.${actionData.ok}`)
        : null;
  const formError = actionData?.errors.form;
  const outcomeDocuments = o.documents;

  return (
    <div className="page outcome-editor">
      <p className="breadcrumb">
        <Link to={`/admin/consultations/${o.id}`}>{o.title}</Link>
      </p>
      <div className="page-head">
        <div>
          <div className="card-meta">
            <KindBadge kind={o.kind} />
            <StatusLabel status={o.status} overdue={o.status === "closed" && new Date(o.expectedDecisionAt) < new Date()} />
          </div>
          <h1>{t("editor.title")}</h1>
          <p className="lead">{o.title}</p>
        </div>
        {o.status !== "draft" ? (
          <div className="button-row">
            <Link to={`/c/${o.slug}`} className="button secondary">
              {ta("edit.viewPublic")}
            </Link>
          </div>
        ) : null}
      </div>
      {flash ? (
        <p className="flash" role="status">
          {flash}
        </p>
      ) : null}
      {formError ? (
        <p className="field-error" role="alert">
          {t(formError)}
        </p>
      ) : null}

      {published && o.outcome ? (
        <>
          <p className="field-hint">{t("editor.publishedLocked", { date: formatDate(o.outcome.publishedAt!, lng) })}</p>
          <OutcomeReport
            report={{ ...o.outcome, documents: outcomeDocuments, figures: parseFigures(o.outcome.figures) }}
            decidedBy={o.decidedBy}
          />
        </>
      ) : !o.writable ? (
        <section className="panel">
          <p>{t(`editor.notYet.${o.status}`, { defaultValue: t("editor.notYet.other") })}</p>
        </section>
      ) : !canWrite ? (
        <section className="panel">
          <p className="muted">{t("editor.readOnly")}</p>
          {o.outcome ? <OutcomeReport report={{ ...o.outcome, publishedAt: null, documents: outcomeDocuments, figures: o.figures }} decidedBy={o.decidedBy} /> : null}
        </section>
      ) : (
        <div className="admin-columns">
          <section aria-labelledby="report-title" className="panel">
            <h2 id="report-title">{t("editor.reportHeading")}</h2>
            <p className="field-hint">{t("editor.intro", { decidedBy: o.decidedBy })}</p>
            <Form method="post" noValidate className="stack">
              <TextField
                label={t("editor.decision")}
                name="decision"
                multiline
                rows={8}
                required
                maxLength={decisionLimits.max}
                hint={t("editor.decisionHint")}
                defaultValue={submitted?.decision ?? o.outcome?.decision ?? ""}
                error={saveResult?.errors.decision ? t(saveResult.errors.decision) : undefined}
              />
              <h3>{t("editor.pointsHeading")}</h3>
              <p className="field-hint">{t("editor.pointsHint")}</p>
              <PointsEditor rows={rows} errors={saveResult?.errors ?? {}} evidence={o.evidence} />
              <div className="button-row">
                <button type="submit" name="intent" value="save" className="button" disabled={busy}>
                  {busy && navigation.formData?.get("intent") === "save" ? t("editor.saving") : t("editor.save")}
                </button>
                {rows.length < maxPoints ? (
                  <button type="submit" name="intent" value="add-point" className="button secondary" disabled={busy}>
                    {t("editor.addPoint")}
                  </button>
                ) : null}
              </div>
            </Form>
          </section>

          <div className="stack">
            <section aria-labelledby="publish-title" className="panel publish-panel">
              <h2 id="publish-title">{t("editor.publishHeading")}</h2>
              {o.outcome ? (
                <Form method="post" className="stack" noValidate>
                  <input type="hidden" name="intent" value="publish" />
                  <p className="consequence">{t("editor.publishConsequence", { count: o.confirmedFollowers })}</p>
                  <p className="field-hint">{t("editor.publishSavedOnly")}</p>
                  <label className="checkbox">
                    <input type="checkbox" name="confirm" aria-describedby={resultFor("publish")?.errors.confirm ? "confirm-error" : undefined} />{" "}
                    {t("editor.confirmPublish")}
                  </label>
                  {resultFor("publish")?.errors.confirm ? (
                    <p className="field-error" id="confirm-error">
                      {t(resultFor("publish")!.errors.confirm!)}
                    </p>
                  ) : null}
                  <button type="submit" className="button" disabled={busy}>
                    {busy && navigation.formData?.get("intent") === "publish" ? t("editor.publishing") : t("editor.publish")}
                  </button>
                </Form>
              ) : (
                <p className="muted">{t("editor.saveBeforePublish")}</p>
              )}
            </section>

            {o.figures ? (
              <section aria-labelledby="figures-title" className="panel">
                <h2 id="figures-title">{t("editor.figuresHeading")}</h2>
                <p className="field-hint">{t("editor.figuresHint")}</p>
                <ParticipationFiguresView figures={o.figures} />
              </section>
            ) : null}

            <section aria-labelledby="outcome-documents-title" className="panel">
              <h2 id="outcome-documents-title">{t("editor.documentsHeading")}</h2>
              {outcomeDocuments.length === 0 ? <p className="muted">{t("editor.noDocuments")}</p> : null}
              <DocumentsEditor documents={outcomeDocuments} canWrite={canWrite} addLinkResult={resultFor("add-link")} addFileResult={resultFor("add-file")} />
            </section>
          </div>
        </div>
      )}
    </div>
  );
}

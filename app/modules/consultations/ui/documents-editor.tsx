/**
 * The staff panel for a consultation's documents: the list with a remove button each, and forms
 * to add a link or upload a file. Used for the background documents on the consultation's page
 * and for the documents about its decision in the outcome editor; the route's action handles the
 * intents add-link, add-file and remove-document.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/ui/field.tsx";

type Result = { errors: Partial<Record<string, string>>; values?: Record<string, string> } | undefined;

export function DocumentsEditor({
  documents,
  canWrite,
  addLinkResult,
  addFileResult,
}: {
  documents: { id: string; title: string; url: string | null }[];
  canWrite: boolean;
  addLinkResult: Result;
  addFileResult: Result;
}) {
  const { t } = useTranslation("admin");
  const error = (key: string | undefined) => (key ? t(key) : undefined);
  return (
    <>
      <ul className="documents">
        {documents.map((d) => (
          <li key={d.id} className="document-row">
            <a href={d.url ?? `/documents/${d.id}`}>{d.title}</a>
            {canWrite ? (
              <Form method="post">
                <input type="hidden" name="intent" value="remove-document" />
                <input type="hidden" name="documentId" value={d.id} />
                <button type="submit" className="as-link danger" aria-label={t("edit.removeDocumentNamed", { title: d.title })}>
                  {t("edit.removeDocument")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <>
          <h3>{t("edit.addLink")}</h3>
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="add-link" />
            <TextField label={t("edit.documentTitle")} name="title" required defaultValue={addLinkResult?.values?.title} error={error(addLinkResult?.errors.title)} />
            <TextField label={t("edit.documentUrl")} name="url" type="url" required defaultValue={addLinkResult?.values?.url} error={error(addLinkResult?.errors.url)} />
            <button type="submit" className="button secondary">
              {t("edit.addLinkSubmit")}
            </button>
          </Form>
          <h3>{t("edit.addFile")}</h3>
          <Form method="post" encType="multipart/form-data" noValidate className="stack">
            <input type="hidden" name="intent" value="add-file" />
            <TextField label={t("edit.documentTitle")} name="title" required defaultValue={addFileResult?.values?.title} error={error(addFileResult?.errors.title)} />
            <TextField
              label={t("edit.file")}
              name="file"
              type="file"
              accept="application/pdf,image/png,image/jpeg,image/webp,image/gif"
              required
              hint={t("edit.fileHint")}
              error={error(addFileResult?.errors.file)}
            />
            <button type="submit" className="button secondary">
              {t("edit.addFileSubmit")}
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}

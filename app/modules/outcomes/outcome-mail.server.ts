/**
 * The e-mails of outcomes: "the council has decided" to every confirmed follower, and the daily
 * reminder to editors while a decision is overdue. Rendered when they are put in the outbox, in
 * the recipient's language, so a later edit never changes what was sent.
 */
import type { Prisma } from "~/generated/prisma/client.ts";
import { composeMail, mailLanguage, mailT } from "~/modules/mail/compose.server.ts";
import { enqueueMail } from "~/modules/mail/outbox.server.ts";
import { unsubscribeUrl } from "~/modules/followers/followers.server.ts";
import { formatDate } from "~/utils/time.ts";

type Municipality = { name: string; primaryColor: string };

/** How much of the decision goes into the e-mail; the page has the rest. */
const decisionExcerptLength = 700;

function decisionExcerpt(decision: string) {
  const text = decision.trim();
  if (text.length <= decisionExcerptLength) return text;
  const cut = text.slice(0, decisionExcerptLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), decisionExcerptLength - 80)).trimEnd()} …`;
}

/**
 * One outcome e-mail per confirmed follower, in the publishing transaction. The dedupe key is the
 * report and the follower, so publishing twice (or a retried transaction) never mails anyone twice.
 */
export async function enqueueOutcomeMails(
  tx: Prisma.TransactionClient,
  input: {
    reportId: string;
    consultation: { id: string; slug: string; title: string };
    municipality: Municipality;
    decision: string;
    points: number;
    origin: string;
  },
) {
  const followers = await tx.follower.findMany({
    where: { consultationId: input.consultation.id, confirmedAt: { not: null } },
    select: { id: true, email: true, locale: true, token: true },
  });
  const pageUrl = `${input.origin}/c/${input.consultation.slug}#outcome-title`;
  for (const follower of followers) {
    const locale = mailLanguage(follower.locale);
    const t = mailT(locale, "outcomes");
    const mail = composeMail({
      locale,
      municipality: input.municipality,
      preheader: t("mail.preheader", { title: input.consultation.title }),
      heading: t("mail.heading", { title: input.consultation.title }),
      paragraphs: [
        t("mail.intro", { municipality: input.municipality.name }),
        decisionExcerpt(input.decision),
        ...(input.points > 0 ? [t("mail.points", { count: input.points })] : []),
      ],
      action: { label: t("mail.action"), url: pageUrl },
      footerNote: t("mail.why", { title: input.consultation.title }),
      unsubscribeUrl: unsubscribeUrl(input.origin, follower.token),
    });
    await enqueueMail(tx, {
      dedupeKey: `outcome:${input.reportId}:${follower.id}`,
      to: follower.email,
      subject: t("mail.subject", { title: input.consultation.title }),
      ...mail,
    });
  }
  return followers.length;
}

/** The reminder to an editor that a decision is overdue; one per editor, consultation and day. */
export async function enqueueOverdueReminder(
  tx: Prisma.TransactionClient,
  input: {
    day: string;
    user: { id: string; email: string; name: string };
    consultation: { id: string; title: string; expectedDecisionAt: Date };
    municipality: Municipality;
    origin: string;
  },
) {
  // Staff have no language setting: the administration works in Danish.
  const t = mailT("da", "outcomes");
  const editorUrl = `${input.origin}/admin/consultations/${input.consultation.id}/outcome`;
  const mail = composeMail({
    locale: "da",
    municipality: input.municipality,
    heading: t("reminder.heading", { title: input.consultation.title }),
    paragraphs: [
      t("reminder.greeting", { name: input.user.name }),
      t("reminder.body", { title: input.consultation.title, date: formatDate(input.consultation.expectedDecisionAt, "da") }),
      t("reminder.why"),
    ],
    action: { label: t("reminder.action"), url: editorUrl },
    footerNote: t("reminder.footer"),
  });
  await enqueueMail(tx, {
    dedupeKey: `overdue:${input.consultation.id}:${input.day}:${input.user.id}`,
    to: input.user.email,
    subject: t("reminder.subject", { title: input.consultation.title }),
    ...mail,
  });
}

/**
 * The two e-mails of following: the confirmation that makes a sign-up count (double opt-in), and
 * the note to someone who already follows, so the form can answer every address the same way.
 */
import { composeMail, mailT } from "~/modules/mail/compose.server.ts";

type MailContext = {
  locale: string;
  consultation: { title: string; url: string };
  municipality: { name: string; primaryColor: string };
  unsubscribeUrl: string;
};

export function confirmationMail(context: MailContext & { confirmUrl: string; keepDays: number }) {
  const t = mailT(context.locale, "follow");
  const title = context.consultation.title;
  return {
    subject: t("email.confirm.subject", { title }),
    ...composeMail({
      locale: context.locale,
      municipality: context.municipality,
      preheader: t("email.confirm.preheader"),
      heading: t("email.confirm.heading"),
      paragraphs: [t("email.confirm.intro", { title, municipality: context.municipality.name }), t("email.confirm.explain")],
      action: { label: t("email.confirm.action"), url: context.confirmUrl },
      footerNote: t("email.confirm.footer", { days: context.keepDays }),
      unsubscribeUrl: context.unsubscribeUrl,
    }),
  };
}

export function alreadyFollowingMail(context: MailContext) {
  const t = mailT(context.locale, "follow");
  const title = context.consultation.title;
  return {
    subject: t("email.already.subject", { title }),
    ...composeMail({
      locale: context.locale,
      municipality: context.municipality,
      heading: t("email.already.heading"),
      paragraphs: [t("email.already.intro", { title }), t("email.already.explain")],
      action: { label: t("email.already.action"), url: context.consultation.url },
      footerNote: t("email.already.footer"),
      unsubscribeUrl: context.unsubscribeUrl,
    }),
  };
}

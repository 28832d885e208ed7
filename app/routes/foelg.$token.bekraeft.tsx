// The link in the confirmation e-mail. Opening it shows a button; only pressing it confirms, because
// mail systems' link scanners open every link in an e-mail, and a follow must be the person's own act.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TokenPage } from "~/modules/followers/ui/token-page.tsx";
import { useTranslation } from "react-i18next";
import { confirmFollower, followerLanguageRedirect, getFollowerByToken, unconfirmedKeepDays } from "~/modules/followers/followers.server.ts";
import { followStylesHref } from "~/modules/followers/ui/follow-form.tsx";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { pageMeta } from "~/utils/meta.ts";

export const handle = { i18n: ["common", "follow"] };

export const links = () => [{ rel: "stylesheet", href: followStylesHref }];

type Consultation = { slug: string; title: string };
type PageState = { state: "pending" | "confirmed" | "alreadyConfirmed" | "expired"; consultation: Consultation } | { state: "unknown"; consultation: null };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [follower, t, municipality] = await Promise.all([getFollowerByToken(params.token ?? ""), getFixedT(request, "follow"), getMunicipality()]);
  const inTheirLanguage = follower ? await followerLanguageRedirect(request, follower.locale) : null;
  if (inTheirLanguage) throw inTheirLanguage;
  const page: PageState = !follower
    ? { state: "unknown", consultation: null }
    : { state: follower.state === "confirmed" ? "alreadyConfirmed" : follower.state, consultation: follower.consultation };
  return { page, keepDays: unconfirmedKeepDays, title: t("confirm.metaTitle"), siteName: municipality.name };
}

export async function action({ params }: ActionFunctionArgs) {
  const result = await confirmFollower(params.token ?? "");
  const page: PageState = result.state === "unknown" ? { state: "unknown", consultation: null } : result;
  return { page };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...(data ? pageMeta({ title: data.title, siteName: data.siteName }) : []),
  // A personal link: not for search engines, and not worth a preview.
  { name: "robots", content: "noindex" },
];

export default function ConfirmFollowing() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("follow");
  const page = actionData?.page ?? loaderData.page;
  const title = page.consultation?.title ?? "";
  const days = loaderData.keepDays;

  const [heading, body] =
    page.state === "pending"
      ? [t("confirm.heading"), t("confirm.body", { title })]
      : page.state === "confirmed"
        ? [t("confirm.doneHeading"), t("confirm.doneBody", { title })]
        : page.state === "alreadyConfirmed"
          ? [t("confirm.alreadyHeading"), t("confirm.alreadyBody", { title })]
          : page.state === "expired"
            ? [t("confirm.expiredHeading"), t("confirm.expiredBody", { title, days })]
            : [t("confirm.unknownHeading"), t("confirm.unknownBody")];

  return (
    <TokenPage
      heading={heading}
      body={body}
      button={page.state === "pending" ? t("confirm.button") : null}
      answered={!!actionData}
      consultation={page.consultation}
    />
  );
}

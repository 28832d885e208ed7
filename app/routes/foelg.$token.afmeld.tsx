// Unsubscribe, from the link in every e-mail. A GET shows a button, so a link scanner opening the
// link unsubscribes nobody; a POST unsubscribes, whether from that button or straight from the mail
// program (RFC 8058 one-click: List-Unsubscribe-Post), and always answers 200, however often it comes.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { TokenPage } from "~/modules/followers/ui/token-page.tsx";
import { useTranslation } from "react-i18next";
import { followerLanguageRedirect, getFollowerByToken, unsubscribeFollower } from "~/modules/followers/followers.server.ts";
import { followStylesHref } from "~/modules/followers/ui/follow-form.tsx";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { getFixedT } from "~/i18n/i18next.server.ts";
import { pageMeta } from "~/utils/meta.ts";

export const handle = { i18n: ["common", "follow"] };

export const links = () => [{ rel: "stylesheet", href: followStylesHref }];

type Consultation = { slug: string; title: string } | null;
type PageState = { state: "subscribed" | "done" | "gone"; consultation: Consultation };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const [follower, t, municipality] = await Promise.all([getFollowerByToken(params.token ?? ""), getFixedT(request, "follow"), getMunicipality()]);
  const inTheirLanguage = follower ? await followerLanguageRedirect(request, follower.locale) : null;
  if (inTheirLanguage) throw inTheirLanguage;
  const page: PageState = follower ? { state: "subscribed", consultation: follower.consultation } : { state: "gone", consultation: null };
  return { page, title: t("unsubscribe.metaTitle"), siteName: municipality.name };
}

export async function action({ params }: ActionFunctionArgs) {
  const { removed, consultation } = await unsubscribeFollower(params.token ?? "");
  const page: PageState = { state: removed ? "done" : "gone", consultation };
  return { page };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...(data ? pageMeta({ title: data.title, siteName: data.siteName }) : []),
  { name: "robots", content: "noindex" },
];

export default function Unsubscribe() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("follow");
  const page = actionData?.page ?? loaderData.page;
  const title = page.consultation?.title ?? "";

  const [heading, body] =
    page.state === "subscribed"
      ? [t("unsubscribe.heading"), t("unsubscribe.body", { title })]
      : page.state === "done"
        ? [t("unsubscribe.doneHeading"), t("unsubscribe.doneBody", { title })]
        : [t("unsubscribe.goneHeading"), t("unsubscribe.goneBody")];

  return (
    <TokenPage
      heading={heading}
      body={body}
      button={page.state === "subscribed" ? t("unsubscribe.button") : null}
      answered={!!actionData}
      consultation={page.consultation}
    />
  );
}

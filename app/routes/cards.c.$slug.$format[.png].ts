import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLanguage } from "~/i18n/config.ts";
import { getLanguage } from "~/i18n/i18next.server.ts";
import { isCardFormat } from "~/modules/share-cards/card-render.server.ts";
import { cardNotFound, cardResponse, consultationCardInput } from "~/modules/share-cards/cards.server.ts";
import { publicOrigin } from "~/utils/env.server.ts";

/** A consultation's share card as PNG: /cards/c/<slug>/<story|post|og>.png?lng=da|en */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isCardFormat(params.format)) return cardNotFound();
  const lng = await getLanguage(request);
  const input = await consultationCardInput(params.slug ?? "", params.format, lng, publicOrigin(request));
  // Without a valid ?lng= the language came from the cookie: the answer must say it varies.
  return cardResponse(request, input, { languageFromCookie: !isLanguage(new URL(request.url).searchParams.get("lng")) });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderJoinQr } from "~/modules/consultations/qr.server.ts";
import { resolveJoinCode } from "~/modules/consultations/consultations.server.ts";
import { normalizeJoinCode } from "~/modules/consultations/join-code.ts";
import { publicOrigin } from "~/utils/env.server.ts";

/** The QR code of a join link as SVG, drawn on the server: crisp on screens and on print. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = normalizeJoinCode(params.code ?? "");
  if (!code || !(await resolveJoinCode(code))) return new Response("Not found", { status: 404 });
  const svg = await renderJoinQr(`${publicOrigin(request)}/j/${code}?via=qr`);
  return new Response(svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}

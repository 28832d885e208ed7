// This device's data as a JSON download. Reached only with the device's own cookies, so it can
// only ever show the reader their own data.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMunicipality } from "~/modules/municipality/municipality.server.ts";
import { deviceFromCookies, exportDocument, getDeviceData } from "~/modules/privacy/my-data.server.ts";
import { jsonDownload } from "~/modules/privacy/download.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  const [device, municipality] = await Promise.all([deviceFromCookies(request.headers.get("Cookie")), getMunicipality()]);
  const mine = await getDeviceData(device);
  return jsonDownload(exportDocument("device", mine, municipality), "mine-data.json");
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroyStaffSession } from "~/modules/auth/session.server.ts";

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await destroyStaffSession(request) } });
}

export async function loader() {
  return redirect("/");
}

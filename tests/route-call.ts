/**
 * Calls a route module's loader or action as Remix would, and answers with what the browser would
 * get: a status, headers and the body. Thrown responses (redirects, 403, 404) count as answers;
 * anything else thrown is what a user would see as a 500, and is reported as one.
 */
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

export type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};

export type RouteAnswer = { status: number; headers: Headers; body: unknown; error?: unknown };

function isDataWithInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

async function readBody(response: Response) {
  const text = await response.text();
  if ((response.headers.get("Content-Type") ?? "").includes("json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export async function callRoute(
  module: RouteModule,
  kind: "loader" | "action",
  request: Request,
  params: Record<string, string> = {},
  context: AppLoadContext = {},
): Promise<RouteAnswer> {
  const fn = module[kind];
  if (!fn) return { status: 405, headers: new Headers(), body: null };
  let result: unknown;
  try {
    result = await fn({ request, params, context } as LoaderFunctionArgs & ActionFunctionArgs);
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, headers: thrown.headers, body: await readBody(thrown) };
    if (isDataWithInit(thrown)) return { status: thrown.init?.status ?? 500, headers: new Headers(thrown.init?.headers), body: thrown.data };
    return { status: 500, headers: new Headers(), body: null, error: thrown };
  }
  if (result instanceof Response) return { status: result.status, headers: result.headers, body: await readBody(result) };
  if (isDataWithInit(result)) return { status: result.init?.status ?? 200, headers: new Headers(result.init?.headers), body: result.data };
  return { status: 200, headers: new Headers(), body: result };
}

/** A form post, as a browser sends it. */
export function formRequest(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(url, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

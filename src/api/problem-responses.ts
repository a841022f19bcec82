/** Problem responses (RFC 9457) as the OpenAPI description lists them per status. */
import type { RouteConfig } from "@hono/zod-openapi";

import { problemSchema } from "./schemas.ts";

/** Problem responses for these statuses; `texts` replaces the session API's wording. */
export function problemResponses(
  codes: number[],
  texts: Record<number, string> = {},
): RouteConfig["responses"] {
  const text: Record<number, string> = {
    400: "Malformed or invalid payload; `errors` lists every problem.",
    401: "Missing or invalid bearer token (RFC 6750).",
    403: "The token lacks the pd_ConnectWebApi scope.",
    404: "Unknown data source, or unknown, expired, deleted or foreign session.",
    409: "The Idempotency-Key was used with another body.",
    413: "The body is larger than the configured limit.",
    415: "The Content-Type is not XML or JSON in UTF-8.",
    422: "The payload asks for something this data source cannot do.",
    ...texts,
  };
  return Object.fromEntries(
    codes.map((code) => [
      String(code),
      {
        description: text[code] ?? "Problem",
        content: { "application/problem+json": { schema: problemSchema } },
      },
    ]),
  );
}

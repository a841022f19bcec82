/**
 * The HTTP initializer (spec §8): one request with placeholders filled (URL-encoded in the
 * URL, JSON- or form-encoded in the body), a JSON or XML answer, values mapped by path.
 * Outbound rules are InvokeUrl's (fetch-bounded.ts).
 */
import { MAX_XML_DEPTH } from "../connect/limits.ts";
import { readXml } from "../connect/xml-reader.ts";
import type { HttpInitializer } from "../session-templates/model.ts";
import { ValuesBuilder } from "../session-templates/values.ts";
import { fetchBounded, type OutboundPolicy } from "./fetch-bounded.ts";
import { MAX_HTTP_RESPONSE_BYTES } from "./limits.ts";
import { InitFailure, type InitOutcome } from "./outcome.ts";
import { fill, type Encoding, type InitScope } from "./placeholders.ts";
import { mapTree, type Tree } from "./tree-paths.ts";

/** Headers a definition may not set, as for InvokeUrl: framing, hop-by-hop, our own. */
const REFUSED_HEADERS = new Set(["host", "content-length", "connection", "transfer-encoding"]);
const REFUSED_PREFIXES = ["x-connect-", "cf-", "proxy-", "sec-"];

export async function runHttpInitializer(
  init: HttpInitializer,
  scope: InitScope,
  policy: OutboundPolicy,
): Promise<InitOutcome> {
  const url = fill(init.url, scope, "url");
  const headers = new Headers();
  for (const header of init.headers) {
    const lower = header.name.toLowerCase();
    if (REFUSED_HEADERS.has(lower) || REFUSED_PREFIXES.some((p) => lower.startsWith(p))) {
      throw new InitFailure("invalid", `The header ${header.name} cannot be set.`);
    }
    const value = fill(header.value, scope).text;
    if (/[\r\n]/.test(value)) {
      throw new InitFailure("invalid", `The value of header ${header.name} has a line break.`);
    }
    headers.set(header.name, value);
  }
  if (!headers.has("accept")) {
    headers.set("accept", init.format === "json" ? "application/json" : "application/xml");
  }

  let body: string | undefined;
  if (init.body !== null) {
    headers.set("content-type", init.body.contentType);
    body = fill(init.body.text, scope, bodyEncoding(init.body.contentType)).text;
  }

  const answer = await fetchBounded(
    {
      url: url.text,
      method: init.method,
      headers,
      body,
      timeoutMs: init.timeoutMs,
      maxBytes: MAX_HTTP_RESPONSE_BYTES,
    },
    policy,
  );

  const tree = parseAnswer(init.format, answer.bytes, answer.host);
  const builder = new ValuesBuilder();
  mapTree(tree, init.mappings, builder);
  if (builder.count === 0 && init.required) {
    throw new InitFailure(
      "invalid",
      `The answer of ${answer.host} held none of the mapped values.`,
    );
  }
  const message = `${answer.host} answered; ${builder.count} value(s) mapped.`;
  return { ok: true, values: builder.values, message };
}

function bodyEncoding(contentType: string): Encoding {
  const type = contentType.toLowerCase();
  if (type.includes("json")) return "json";
  if (type.startsWith("application/x-www-form-urlencoded")) return "form";
  return "text";
}

function parseAnswer(format: "json" | "xml", bytes: Uint8Array, host: string): Tree {
  if (format === "xml") {
    const read = readXml(bytes);
    if (!read.ok) {
      const at = `line ${read.issue.line ?? "?"}, column ${read.issue.column ?? "?"}`;
      // Well-formed but deeper than the reader goes: a bound, not broken XML.
      if (read.issue.code === "too-deep") {
        throw new InitFailure(
          "upstream",
          `${host} answered with XML nested more than ${MAX_XML_DEPTH} levels deep (${at}).`,
        );
      }
      throw new InitFailure(
        "upstream",
        `${host} answered with XML that is not well-formed (${at}).`,
      );
    }
    return { kind: "xml", root: read.document.root };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    throw new InitFailure("upstream", `${host} answered with something that is not JSON.`);
  }
}

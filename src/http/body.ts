/**
 * Reading request bodies with a hard byte limit, before anything parses them (STYLE: bound
 * untrusted input). A declared `Content-Length` over the limit is refused without reading;
 * a body without one is read only up to the limit.
 */
import { problem, type Problem } from "./problem.ts";

export type BodyKind = "xml" | "json";

export type BodyResult =
  { ok: true; kind: BodyKind; bytes: Uint8Array<ArrayBuffer> } | { ok: false; problem: Problem };

const XML_TYPES = new Set(["application/xml", "text/xml"]);

/** What each kind of body is sent as, in the words of a 415 answer. */
const KIND_WORDS: Record<BodyKind, string> = {
  xml: "application/xml (or text/xml)",
  json: "application/json",
};

/** Maps a Content-Type header to what the Connect endpoints accept (spec §2, §3). */
export function connectMediaType(header: string | null): BodyKind | Problem {
  return judgeMediaType(header, ["xml", "json"]);
}

/**
 * Maps a Content-Type header to one of the `accepted` kinds: the media type exactly (any
 * case, parameters aside), in UTF-8 when a charset is named; anything else is a 415.
 */
export function judgeMediaType(
  header: string | null,
  accepted: readonly BodyKind[],
): BodyKind | Problem {
  const accept = `Send ${accepted.map((kind) => KIND_WORDS[kind]).join(" or ")}, in UTF-8.`;
  if (!header) return problem("unsupported-media-type", `Content-Type is missing. ${accept}`);

  const [typePart, ...params] = header.split(";");
  const type = (typePart ?? "").trim().toLowerCase();
  const charset = params
    .map((p) => p.trim().toLowerCase())
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/^"|"$/g, "");
  if (charset && charset !== "utf-8" && charset !== "utf8") {
    return problem("unsupported-media-type", `Charset '${charset}' is not supported. ${accept}`);
  }

  if (accepted.includes("xml") && XML_TYPES.has(type)) return "xml";
  if (accepted.includes("json") && type === "application/json") return "json";
  return problem("unsupported-media-type", `Content-Type '${type}' is not accepted. ${accept}`);
}

/** Reads a Connect body: media type first (415), then at most `maxBytes` (413). */
export async function readBoundedBody(req: Request, maxBytes: number): Promise<BodyResult> {
  const kind = connectMediaType(req.headers.get("content-type"));
  if (typeof kind !== "string") return { ok: false, problem: kind };

  const read = await readBoundedBytes(req, maxBytes, "a Connect payload");
  return read.ok ? { ok: true, kind, bytes: read.bytes } : read;
}

export type BytesResult =
  { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; problem: Problem };

/** Reads any body up to `maxBytes`; `what` names the limit in the 413 answer. */
export async function readBoundedBytes(
  req: Request,
  maxBytes: number,
  what: string,
): Promise<BytesResult> {
  const tooLarge = problem(
    "payload-too-large",
    `The body exceeds ${maxBytes} bytes, the limit for ${what}.`,
  );
  const declared = Number.parseInt(req.headers.get("content-length") ?? "", 10);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, problem: tooLarge };
  if (!req.body) return { ok: true, bytes: new Uint8Array(0) };

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const chunk: ReadableStreamReadResult<unknown> = await reader.read();
    if (chunk.done) break;
    if (!(chunk.value instanceof Uint8Array)) {
      await reader.cancel();
      return { ok: false, problem: problem("invalid-request", "The body is not a byte stream.") };
    }
    total += chunk.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return { ok: false, problem: tooLarge };
    }
    chunks.push(chunk.value);
  }

  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

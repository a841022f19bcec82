/** Reads generated Word files in tests: the text of a part, and a ZIP's entry names. */
import { strFromU8, unzipSync } from "fflate";

/** The visible text of `word/document.xml` (or another part): `w:t` contents joined. */
export function docxText(bytes: Uint8Array, part = "word/document.xml"): string {
  const entry = unzipSync(bytes)[part];
  if (!entry) throw new Error(`${part} missing`);
  const xml = strFromU8(entry);
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1] ?? "")
    .join("")
    .replaceAll("&amp;", "&")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&apos;", "'");
}

export function zipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

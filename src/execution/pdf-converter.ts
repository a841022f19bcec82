/**
 * The client of a data source's document converter (`pdfConverterUrl`): the `.docx` is
 * POSTed as the body and the converter answers `200` with the PDF. Configured by an admin,
 * so its URL is trusted; the answer is still bounded in time and size.
 */
import type { PdfConverter } from "../commands/command-target.ts";
import type { DataSource } from "../config/config.ts";

const CONVERTER_TIMEOUT_MS = 30_000;
const MAX_PDF_BYTES = 50 * 1024 * 1024;
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function pdfConverterFor(
  dataSource: DataSource,
  fetcher: typeof fetch,
): PdfConverter | null {
  const url = dataSource.pdfConverterUrl;
  if (!url) return null;

  return async (docx) => {
    let response: Response;
    try {
      response = await fetcher(url, {
        method: "POST",
        headers: { "content-type": DOCX_TYPE, accept: "application/pdf" },
        body: new Uint8Array(docx),
        redirect: "manual",
        signal: AbortSignal.timeout(CONVERTER_TIMEOUT_MS),
      });
    } catch {
      return { ok: false, message: "The document converter did not answer." };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      return { ok: false, message: `The document converter answered ${response.status}.` };
    }
    const declared = Number.parseInt(response.headers.get("content-length") ?? "", 10);
    if (declared > MAX_PDF_BYTES) {
      await response.body?.cancel();
      return { ok: false, message: "The converted PDF is too large." };
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_PDF_BYTES)
      return { ok: false, message: "The converted PDF is too large." };
    return { ok: true, bytes };
  };
}

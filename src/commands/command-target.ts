/**
 * The bytes a command acts on (spec §2): the generated document, converted to PDF when the
 * target asks for it, or the execution report so far. The conversion runs at most once
 * per execution, however many commands ask for it.
 */
import type { CommandTarget } from "../connect/model.ts";
import type { TargetContent } from "./download.ts";

export type ConversionResult = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/** Turns the `.docx` bytes into PDF bytes; the caller wires it to the converter service. */
export type PdfConverter = (docx: Uint8Array) => Promise<ConversionResult>;

export type TargetResult = { ok: true; content: TargetContent } | { ok: false; message: string };

export interface TargetSources {
  /** The generated `.docx`; null when generation failed or the session was cancelled. */
  document: Uint8Array | null;
  /** Null when the data source has no converter. */
  convertToPdf: PdfConverter | null;
  /** The report of this execution as it stands now, as XML bytes. */
  reportSoFar: () => Promise<Uint8Array>;
}

export class TargetResolver {
  readonly #sources: TargetSources;
  #pdf: Promise<ConversionResult> | null = null;

  constructor(sources: TargetSources) {
    this.#sources = sources;
  }

  async resolve(target: CommandTarget): Promise<TargetResult> {
    if (target.kind === "report") {
      return { ok: true, content: { kind: "xml", bytes: await this.#sources.reportSoFar() } };
    }

    // The parser allows <Document/> in OnSuccess only; this covers any other way in.
    const document = this.#sources.document;
    if (document === null) {
      return { ok: false, message: "There is no document to act on: none was generated." };
    }
    if (target.conversion === null) return { ok: true, content: { kind: "docx", bytes: document } };

    const converted = await this.#convert(document);
    return converted.ok
      ? { ok: true, content: { kind: "pdf", bytes: converted.bytes } }
      : { ok: false, message: `The PDF conversion failed: ${converted.message}` };
  }

  #convert(document: Uint8Array): Promise<ConversionResult> {
    const convert = this.#sources.convertToPdf;
    if (convert === null) {
      return Promise.resolve({ ok: false, message: "no converter is configured." });
    }
    this.#pdf ??= convert(document);
    return this.#pdf;
  }
}

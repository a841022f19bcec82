/**
 * The public sample script's Connect payload (docs/spec/connect-session.md §2), verbatim:
 * the smoke script, the tests and the benchmarks all send this text.
 */
export const SAMPLE_XML = `<primedocsConnect>
<Template Id="30b55516-80b5-41d7-801b-b31d6da376ac" />
<DocumentLanguage Code="es-es" />
<Forms>
<Value Key="Subject">From Sample Script</Value>
<Value Key="Notes">Sample Note</Value>
</Forms>
<Data>
<Value Key="InvoiceNumber">1234</Value>
</Data>
</primedocsConnect>`;

/** The sample with one `DownloadFile` of the document, as an integrator runs it server-side. */
export const SAMPLE_WITH_DOWNLOAD_XML = SAMPLE_XML.replace(
  "</primedocsConnect>",
  `<Commands>
<OnSuccess><DownloadFile FileName="Factura {Data.InvoiceNumber}.docx"><Document/></DownloadFile></OnSuccess>
</Commands>
</primedocsConnect>`,
);

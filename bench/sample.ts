/**
 * The payload every benchmark sends: the public sample script's Connect payload
 * (docs/spec/connect-session.md §1), the same text as `SAMPLE_XML` in test/support/api.ts.
 * That module imports the Workers runtime, so Node cannot load it; the text is repeated here.
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

/** The sample as UTF-8 bytes, the form a request body arrives in. */
export const SAMPLE_BYTES: Uint8Array = new TextEncoder().encode(SAMPLE_XML);

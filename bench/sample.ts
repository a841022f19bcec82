/** The payloads every benchmark sends (demo/sample-payload.ts), and the sample as bytes. */
import { SAMPLE_XML } from "../demo/sample-payload.ts";

export { SAMPLE_WITH_DOWNLOAD_XML, SAMPLE_XML } from "../demo/sample-payload.ts";

/** The sample as UTF-8 bytes, the form a request body arrives in. */
export const SAMPLE_BYTES: Uint8Array = new TextEncoder().encode(SAMPLE_XML);

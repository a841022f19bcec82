/**
 * Bounds on untrusted Connect input, checked while reading and before any meaning is given
 * to it (STYLE §7). The HTTP layer caps the body size; these cap what fits inside it.
 */

/** Deepest element nesting in XML, counting the root element as level 1. */
export const MAX_XML_DEPTH = 32;

/** Most elements in one XML payload (a 1 MiB body could otherwise hold ~100,000). */
export const MAX_XML_ELEMENTS = 10_000;

/** Most attributes on one XML element; duplicate detection is quadratic in this number. */
export const MAX_XML_ATTRIBUTES = 32;

/** Deepest nesting of JSON objects and arrays, counting the top-level object as level 1. */
export const MAX_JSON_DEPTH = 32;

/** Most entries (object members plus array items, at every level) in one JSON payload. */
export const MAX_JSON_ENTRIES = 10_000;

/**
 * Longest single string, in UTF-16 code units: a JSON string, an XML attribute value, or the
 * character data of one XML element (measured on the source text, before entity decoding).
 */
export const MAX_STRING_LENGTH = 65_536;

/**
 * Longest XML element or attribute name and longest JSON property name, in UTF-16 code
 * units. Connect's own names are far shorter; the bound keeps a problem answer that names an
 * unknown one small.
 */
export const MAX_NAME_LENGTH = 256;

/** Longest `Key` of a value, in UTF-16 code units. */
export const MAX_KEY_LENGTH = 128;

/**
 * Most commands in one payload, over all handler groups. Each InvokeUrl may wait out its
 * timeout (10 s), and an execution must end well inside the 5 minutes after which a retry with
 * the same Idempotency-Key may run it again; it also keeps one execution's outbound requests
 * far below the Workers subrequest limit.
 */
export const MAX_COMMANDS = 20;

/** Most issues listed in one answer; a final `too-many-issues` entry says more were cut. */
export const MAX_REPORTED_ISSUES = 100;

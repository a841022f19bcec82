/**
 * Bounds on what initializers fetch and read (spec §8: "each has a timeout and size caps").
 * One place, so docs/session-templates.md and the code cannot disagree.
 */

/** Default time an initializer may take, source included, in milliseconds. */
export const DEFAULT_INITIALIZER_TIMEOUT_MS = 5_000;
/** Longest `TimeoutSeconds` a definition may ask for, in seconds. */
export const MAX_INITIALIZER_TIMEOUT_SECONDS = 30;
/** Largest HTTP initializer response read, in bytes (1 MiB); read incrementally. */
export const MAX_HTTP_RESPONSE_BYTES = 1024 * 1024;
/** Largest CSV file read, in bytes (4 MiB). */
export const MAX_CSV_BYTES = 4 * 1024 * 1024;
/** Largest CSV row count parsed; beyond it the file is refused. */
export const MAX_CSV_ROWS = 50_000;
/** Widest CSV or sheet table read, in columns; beyond it the file is refused. */
export const MAX_COLUMNS = 1_000;
/** Largest .xlsx file read, in bytes (8 MiB). */
export const MAX_XLSX_BYTES = 8 * 1024 * 1024;
/** Sum of the declared inflated sizes of the .xlsx parts we read, in bytes (16 MiB). */
export const MAX_XLSX_INFLATED_BYTES = 16 * 1024 * 1024;
/** Default and largest row cap of a SQL initializer, in rows. */
export const DEFAULT_SQL_MAX_ROWS = 100;
export const MAX_SQL_MAX_ROWS = 1_000;
/** Initializers a definition may hold. */
export const MAX_INITIALIZERS = 20;
/**
 * Forms and Data a start may build, in bytes of JSON: a session is stored in one SQLite row
 * of its Durable Object, which holds at most 2 MB with the base Connect's commands (≤ 256 KiB).
 */
export const MAX_INITIALIZED_VALUES_BYTES = 1024 * 1024;
/** Largest definition accepted by the admin API, in bytes (256 KiB). */
export const MAX_DEFINITION_BYTES = 256 * 1024;
/** Largest sheet row count read; beyond it the sheet is refused. */
export const MAX_SHEET_ROWS = 50_000;

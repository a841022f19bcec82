/**
 * The read-only guard for SQL initializers (spec §8). D1 has no read-only connection mode,
 * so this check is what keeps a definition from writing: one statement, starting with
 * SELECT or WITH, no statement separator, and no keyword that writes or changes the
 * session anywhere outside string literals, quoted identifiers and comments. Values never
 * reach the text: they are bound as parameters. PostgreSQL additionally runs the query in
 * a READ ONLY transaction. Pure.
 */

/** Keywords that write, change schema or session state, or reach outside the database. */
const FORBIDDEN = new Set([
  "INSERT",
  "UPDATE",
  "DELETE",
  "REPLACE",
  "UPSERT",
  "MERGE",
  "CREATE",
  "DROP",
  "ALTER",
  "TRUNCATE",
  "ATTACH",
  "DETACH",
  "PRAGMA",
  "VACUUM",
  "REINDEX",
  "ANALYZE",
  "GRANT",
  "REVOKE",
  "COPY",
  "CALL",
  "DO",
  "EXECUTE",
  "INTO",
  "SET",
  "LOCK",
  "LISTEN",
  "NOTIFY",
  "BEGIN",
  "COMMIT",
  "ROLLBACK",
  "SAVEPOINT",
  "RELEASE",
]);

/**
 * Forbidden words that are also read-only functions when a `(` follows: `replace(text, a, b)`
 * in SQLite and PostgreSQL. `REPLACE INTO` (SQLite, also after a WITH clause) stays refused.
 */
const FUNCTIONS = new Set(["REPLACE"]);

/**
 * Functions that a READ ONLY transaction still lets through but that change the session or
 * reach outside the query: `set_config` could lift the statement timeout, `pg_sleep` holds
 * a connection, the file and large-object functions read the server's disk, and the backend
 * functions act on other connections. SQLite's `load_extension` loads native code.
 */
const FORBIDDEN_FUNCTIONS = new Set([
  "SET_CONFIG",
  "PG_SLEEP",
  "PG_SLEEP_FOR",
  "PG_SLEEP_UNTIL",
  "PG_READ_FILE",
  "PG_READ_BINARY_FILE",
  "PG_LS_DIR",
  "PG_STAT_FILE",
  "LO_IMPORT",
  "LO_EXPORT",
  "DBLINK",
  "DBLINK_EXEC",
  "PG_TERMINATE_BACKEND",
  "PG_CANCEL_BACKEND",
  "PG_ADVISORY_LOCK",
  "PG_ADVISORY_XACT_LOCK",
  "PG_NOTIFY",
  "NEXTVAL",
  "SETVAL",
  "LOAD_EXTENSION",
]);

/**
 * Whole families, by name prefix: every dblink function (dblink_connect and
 * dblink_send_query run any statement on a connection of their own, outside the READ ONLY
 * transaction), every advisory lock (a session-level one outlives the transaction), and
 * every server-directory listing (pg_ls_logdir, pg_ls_waldir, …) and server-file read.
 */
const FORBIDDEN_FUNCTION_PREFIXES = [
  "DBLINK",
  "PG_ADVISORY_",
  "PG_TRY_ADVISORY_",
  "PG_SLEEP",
  "PG_LS_",
  "PG_READ_",
];

function isForbiddenFunction(name: string): boolean {
  return (
    FORBIDDEN_FUNCTIONS.has(name) || FORBIDDEN_FUNCTION_PREFIXES.some((p) => name.startsWith(p))
  );
}

export type SqlGuardResult = { ok: true } | { ok: false; message: string };

/** Checks that `sql` is a single read-only SELECT (or WITH … SELECT) statement. */
export function checkReadOnlySql(sql: string): SqlGuardResult {
  const words = codeWords(sql);
  if (typeof words === "string") return { ok: false, message: words };

  const first = words.list[0];
  if (first !== "SELECT" && first !== "WITH") {
    return { ok: false, message: "The query must be a single SELECT (or WITH … SELECT)." };
  }
  if (words.separatorInside) {
    return { ok: false, message: "The query must be one statement; remove the `;`." };
  }
  if (words.list.includes("RECURSIVE")) {
    // D1 cannot cancel a running query (the initializer's timeout only stops waiting), and
    // a recursive one may never end: under wrangler dev it blocks the whole local runtime.
    return {
      ok: false,
      message:
        "WITH RECURSIVE is not allowed: a recursive query may never end, and D1 cannot stop it.",
    };
  }
  const forbidden = words.list.find((w) => FORBIDDEN.has(w));
  if (forbidden !== undefined) {
    return { ok: false, message: `The query may only read; ${forbidden} is not allowed.` };
  }
  // A name in quotes is no keyword, but PostgreSQL calls `"set_config"(…)` all the same.
  const called = [...words.list, ...words.quoted].find(isForbiddenFunction);
  if (called !== undefined) {
    return {
      ok: false,
      message: `The query may only read; the function ${called.toLowerCase()} is not allowed.`,
    };
  }
  return { ok: true };
}

interface CodeWords {
  /**
   * Upper-cased bare words outside literals, identifiers in quotes and comments; a word of
   * FUNCTIONS that is called (a `(` follows) is listed with the `(`, so it is no keyword.
   */
  list: string[];
  /** Upper-cased names in double quotes, backticks or brackets: identifiers, never keywords. */
  quoted: string[];
  /** A `;` followed by anything other than whitespace or comments. */
  separatorInside: boolean;
}

/** Splits the statement into its bare words, skipping what cannot be a keyword. */
function codeWords(sql: string): CodeWords | string {
  const list: string[] = [];
  const quoted: string[] = [];
  let separatorAt = -1;
  let separatorInside = false;
  let wordEnd = -1;
  let i = 0;

  while (i < sql.length) {
    const c = sql.charAt(i);
    if (c === '"' && wordEnd === i && list.at(-1) === "U&") {
      // PostgreSQL's U&"…" spells a name in escapes (\0073et_config) no list can match.
      return 'Identifiers in Unicode escapes (U&"…") are not allowed.';
    } else if (c === "'" || c === '"' || c === "`" || c === "[") {
      const close = c === "[" ? "]" : c;
      const end = closingQuote(sql, i + 1, close);
      if (end < 0) return "The query has an unclosed quote or bracket.";
      // PostgreSQL's E'…' (adjacent E) reads a backslash as an escape, E'\'' being one quote,
      // where SQLite ends the string: no single reading is right for both, so none is taken.
      const escaped = c === "'" && wordEnd === i && list.at(-1) === "E";
      if (escaped && sql.slice(i + 1, end).includes("\\")) {
        return "Backslash escapes in E'…' strings are not allowed; double a quote instead.";
      }
      if (c !== "'")
        quoted.push(
          sql
            .slice(i + 1, end)
            .replaceAll(close + close, close)
            .toUpperCase(),
        );
      i = end + 1;
    } else if (c === "$" && DOLLAR_QUOTE.test(sql.slice(i))) {
      // PostgreSQL's $$…$$ and $tag$…$tag$ are strings this reading would take for code,
      // and a quote inside one would hide the code after it.
      return "Dollar-quoted strings ($$…$$) are not allowed; write the string in '…'.";
    } else if (sql.startsWith("--", i)) {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith("/*", i)) {
      const end = sql.indexOf("*/", i + 2);
      if (end < 0) return "The query has an unclosed comment.";
      i = end + 2;
    } else if (c === ";") {
      if (separatorAt >= 0) separatorInside = true;
      separatorAt = i;
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(sql.slice(i))?.[0] ?? c;
      if (separatorAt >= 0) separatorInside = true;
      const upper = word.toUpperCase();
      i += word.length;
      const called = FUNCTIONS.has(upper) && /^\s*\(/.test(sql.slice(i));
      list.push(called ? `${upper}(` : upper);
      wordEnd = i;
    } else if (c === "&" && wordEnd === i && list.at(-1) === "U") {
      list[list.length - 1] = "U&";
      wordEnd = ++i;
    } else {
      if (separatorAt >= 0 && !/\s/.test(c)) separatorInside = true;
      i++;
    }
  }
  return { list, quoted, separatorInside };
}

/** The opening of a PostgreSQL dollar-quoted string: `$$` or `$tag$` (not `$1`). */
const DOLLAR_QUOTE = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/;

/** Index of the closing quote, treating a doubled quote as an escaped one (SQL-92). */
function closingQuote(sql: string, from: number, close: string): number {
  let i = from;
  while (i < sql.length) {
    const at = sql.indexOf(close, i);
    if (at < 0) return -1;
    if (close !== "]" && sql.charAt(at + 1) === close) {
      i = at + 2;
      continue;
    }
    return at;
  }
  return -1;
}

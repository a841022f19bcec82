/**
 * Runs a definition's initializers in order (spec §8): each sees the values so far (query
 * seeds and earlier initializers) and the other parameters; its result is merged in, later
 * wins. The first failure stops the run. Every initializer's timing and outcome is recorded.
 */
import type { Initializer, InitializerKind } from "../session-templates/model.ts";
import { INITIALIZER_ELEMENTS } from "../session-templates/model.ts";
import { mergeInit, type InitValues } from "../session-templates/values.ts";
import { runCsvInitializer } from "./csv-initializer.ts";
import { runExcelInitializer } from "./excel-initializer.ts";
import type { SourcePorts } from "./file-source.ts";
import { runHttpInitializer } from "./http-initializer.ts";
import { MAX_INITIALIZED_VALUES_BYTES } from "./limits.ts";
import { InitFailure, failed, withTimeout, type FailureKind, type InitOutcome } from "./outcome.ts";
import { runSqlInitializer } from "./sql-initializer.ts";
import type { SqlDatabases } from "./sql-runner.ts";

export interface InitializerPorts extends SourcePorts {
  databases: SqlDatabases;
  /** Milliseconds since the epoch, for durations. */
  clock: () => number;
  /** Told about an initializer that threw something unexpected (a bug). */
  onUnexpectedError?: (error: unknown, position: number) => void;
}

export interface InitializerRecord {
  position: number;
  kind: InitializerKind;
  /** `HttpInitializer`, … as in the definition. */
  element: string;
  status: "Success" | "Error";
  durationMs: number;
  message: string;
}

export type InitializationResult =
  | { ok: true; values: InitValues; records: InitializerRecord[] }
  | { ok: false; failure: FailureKind; failed: InitializerRecord; records: InitializerRecord[] };

/** Merges each initializer's values into `values` (mutated) in order. */
export async function runInitializers(
  initializers: readonly Initializer[],
  values: InitValues,
  params: ReadonlyMap<string, string>,
  ports: InitializerPorts,
): Promise<InitializationResult> {
  const records: InitializerRecord[] = [];
  for (const init of initializers) {
    const started = ports.clock();
    let outcome = await runOne(init, values, params, ports);
    if (outcome.ok) {
      mergeInit(values, outcome.values);
      // Each source is capped on its own, but together they could outgrow the session's row.
      if (jsonBytes(values) > MAX_INITIALIZED_VALUES_BYTES) {
        const message = `The values would exceed ${MAX_INITIALIZED_VALUES_BYTES} bytes, the most a session holds.`;
        outcome = failed("invalid", message);
      }
    }
    const record: InitializerRecord = {
      position: init.position,
      kind: init.kind,
      element: INITIALIZER_ELEMENTS[init.kind],
      status: outcome.ok ? "Success" : "Error",
      durationMs: Math.max(0, Math.round(ports.clock() - started)),
      message: outcome.message,
    };
    records.push(record);
    if (!outcome.ok) return { ok: false, failure: outcome.failure, failed: record, records };
  }
  return { ok: true, values, records };
}

function jsonBytes(values: InitValues): number {
  return new TextEncoder().encode(JSON.stringify(values)).byteLength;
}

async function runOne(
  init: Initializer,
  values: InitValues,
  params: ReadonlyMap<string, string>,
  ports: InitializerPorts,
): Promise<InitOutcome> {
  const scope = { values, params };
  const what = `${INITIALIZER_ELEMENTS[init.kind]} #${init.position}`;
  try {
    return await withTimeout(dispatch(init, scope, ports), init.timeoutMs, what);
  } catch (error) {
    if (error instanceof InitFailure) return failed(error.failure, error.message);
    ports.onUnexpectedError?.(error, init.position);
    return failed("upstream", "The initializer failed unexpectedly.");
  }
}

function dispatch(
  init: Initializer,
  scope: { values: InitValues; params: ReadonlyMap<string, string> },
  ports: InitializerPorts,
): Promise<InitOutcome> {
  switch (init.kind) {
    case "http":
      return runHttpInitializer(init, scope, ports.outbound);
    case "sql":
      return runSqlInitializer(init, scope, ports.databases);
    case "csv":
      return runCsvInitializer(init, scope, ports);
    case "excel":
      return runExcelInitializer(init, scope, ports);
  }
}

/**
 * Where an execution's report and answer live in R2: under the session's prefix, so they
 * are deleted with the session (spec §6, §9). The report is stored as JSON and rendered
 * as XML or JSON when fetched.
 */
import type { ExecutionReport } from "./model.ts";
import { sessionPrefix } from "../sessions/files.ts";

function executionPrefix(sessionId: string, executionId: string): string {
  return `${sessionPrefix(sessionId)}executions/${executionId}/`;
}

/** Stores the report and returns its key. */
export async function storeReport(bucket: R2Bucket, report: ExecutionReport): Promise<string> {
  const key = `${executionPrefix(report.sessionId, report.executionId)}report.json`;
  await bucket.put(key, JSON.stringify(report), {
    httpMetadata: { contentType: "application/json" },
  });
  return key;
}

export async function readReport(
  bucket: R2Bucket,
  sessionId: string,
  executionId: string,
): Promise<ExecutionReport | null> {
  const object = await bucket.get(`${executionPrefix(sessionId, executionId)}report.json`);
  // SAFETY: only storeReport() writes this key, from an ExecutionReport.
  return object ? await object.json<ExecutionReport>() : null;
}

/** Stores the answer body so an idempotent retry can replay it byte for byte. */
export async function storeAnswerBody(
  bucket: R2Bucket,
  sessionId: string,
  executionId: string,
  body: Uint8Array,
): Promise<string> {
  const key = `${executionPrefix(sessionId, executionId)}answer`;
  await bucket.put(key, body);
  return key;
}

export async function readAnswerBody(bucket: R2Bucket, key: string): Promise<ArrayBuffer | null> {
  const object = await bucket.get(key);
  return object ? await object.arrayBuffer() : null;
}

/**
 * What the result page and the download route need about an execution's answer: its HTTP
 * status, headers and where its body lives. Stored next to the report under the session's
 * R2 prefix, so it is deleted with the session.
 */
import type { ExecutionAnswer } from "../sessions/session-model.ts";
import { sessionPrefix } from "../sessions/files.ts";

function recordKey(sessionId: string, executionId: string): string {
  return `${sessionPrefix(sessionId)}web/${executionId}.json`;
}

export async function storeAnswerRecord(
  bucket: R2Bucket,
  sessionId: string,
  executionId: string,
  answer: ExecutionAnswer,
): Promise<void> {
  await bucket.put(recordKey(sessionId, executionId), JSON.stringify(answer), {
    httpMetadata: { contentType: "application/json" },
  });
}

export async function readAnswerRecord(
  bucket: R2Bucket,
  sessionId: string,
  executionId: string,
): Promise<ExecutionAnswer | null> {
  const object = await bucket.get(recordKey(sessionId, executionId));
  // SAFETY: only storeAnswerRecord() writes this key, from an ExecutionAnswer.
  return object ? await object.json<ExecutionAnswer>() : null;
}

/**
 * Where a session's reports and files live in R2: everything under one prefix, so deleting
 * a session is one prefix sweep and an R2 lifecycle rule on `sessions/` is the backstop.
 */

/** R2 deletes at most this many keys per call. */
const R2_DELETE_BATCH = 1000;

export function sessionPrefix(sessionId: string): string {
  return `sessions/${sessionId}/`;
}

/** Deletes every object under the prefix; returns how many were deleted. Safe to repeat. */
export async function deletePrefix(bucket: R2Bucket, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor: string | undefined;

  do {
    const page = await bucket.list({ prefix, cursor, limit: R2_DELETE_BATCH });
    const keys = page.objects.map((o) => o.key);
    if (keys.length > 0) {
      await bucket.delete(keys);
      deleted += keys.length;
    }
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);

  return deleted;
}

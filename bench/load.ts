/**
 * A bounded closed-loop load generator and its statistics. A fixed number of requests runs at
 * a fixed concurrency; a run also stops at a deadline, and every request carries a timeout, so
 * a hung server can never keep the loop alive.
 */

/** One request of a load run. Resolves when the answer was the expected one, rejects if not. */
export type LoadRequest = (index: number, signal: AbortSignal) => Promise<void>;

export interface LoadOptions {
  /** How many requests to send in all. */
  requests: number;
  /** How many requests are in flight at once (each worker sends its next when one ends). */
  concurrency: number;
  /** Wall-clock limit for one run; requests not started by then are not sent. */
  deadlineMs: number;
  /** Limit for a single request; it is aborted and counted as failed after this. */
  requestTimeoutMs: number;
}

/** What one run observed; `summarize` turns one or more of these into figures. */
export interface LoadSample {
  /** Latency of each successful request, in completion order. */
  latenciesMs: number[];
  failed: number;
  /** Requests never sent because the deadline passed first. */
  skipped: number;
  elapsedMs: number;
  /** The first failure's message, to show why a run went wrong. */
  firstFailure: string | null;
}

export interface LoadResult {
  succeeded: number;
  failed: number;
  skipped: number;
  elapsedMs: number;
  /** Latency of the successful requests. */
  medianMs: number;
  p99Ms: number;
  /** Successful requests per second of wall-clock time. */
  perSecond: number;
  firstFailure: string | null;
}

/** Runs `request` `options.requests` times, `options.concurrency` at a time. */
export async function runLoad(request: LoadRequest, options: LoadOptions): Promise<LoadSample> {
  const latenciesMs: number[] = [];
  let next = 0;
  let failed = 0;
  let firstFailure: string | null = null;

  const start = performance.now();
  const deadline = start + options.deadlineMs;

  async function worker(): Promise<void> {
    while (next < options.requests && performance.now() < deadline) {
      const index = next;
      next += 1;

      const sent = performance.now();
      try {
        await request(index, AbortSignal.timeout(options.requestTimeoutMs));
        latenciesMs.push(performance.now() - sent);
      } catch (error) {
        failed += 1;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    }
  }

  const workers = Array.from({ length: Math.max(1, options.concurrency) }, () => worker());
  await Promise.all(workers);

  return {
    latenciesMs,
    failed,
    skipped: options.requests - latenciesMs.length - failed,
    elapsedMs: performance.now() - start,
    firstFailure,
  };
}

/**
 * Runs each of `requests` for `options.requests` requests in all, split into `rounds` runs
 * taken in turns (A, B, A, B, …), so that every kind meets the same background load. Returns
 * one result per kind, in the order given.
 */
export async function runInTurns(
  requests: readonly LoadRequest[],
  options: LoadOptions,
  rounds: number,
): Promise<LoadResult[]> {
  const samples: LoadSample[][] = requests.map(() => []);
  const perRound = Math.ceil(options.requests / rounds);

  for (let round = 0; round < rounds; round++) {
    for (const [kind, request] of requests.entries()) {
      samples[kind]?.push(await runLoad(request, { ...options, requests: perRound }));
    }
  }
  return samples.map(summarize);
}

/** Pools runs: rates over their summed time, percentiles over all their latencies. */
export function summarize(samples: readonly LoadSample[]): LoadResult {
  const latencies = samples.flatMap((s) => s.latenciesMs).sort((a, b) => a - b);
  const elapsedMs = samples.reduce((sum, s) => sum + s.elapsedMs, 0);

  return {
    succeeded: latencies.length,
    failed: samples.reduce((sum, s) => sum + s.failed, 0),
    skipped: samples.reduce((sum, s) => sum + s.skipped, 0),
    elapsedMs,
    medianMs: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    perSecond: elapsedMs > 0 ? (latencies.length * 1000) / elapsedMs : 0,
    firstFailure: samples.find((s) => s.firstFailure !== null)?.firstFailure ?? null,
  };
}

/**
 * The nearest-rank percentile of ascending `sorted`: the smallest value with at least `p` % of
 * the values at or below it. NaN for an empty list.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;

  const rank = Math.ceil((p / 100) * sorted.length);
  const index = Math.min(sorted.length - 1, Math.max(0, rank - 1));
  return sorted[index] ?? Number.NaN;
}

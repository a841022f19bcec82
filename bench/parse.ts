/**
 * Parse-and-validate throughput of the Connect XML reader beside bare txml on the same bytes.
 * Both start from the UTF-8 bytes a request body arrives as: ours takes them directly, txml
 * gets them through a TextDecoder. Both run unmeasured for a warm-up time, then for a fixed
 * measured time each, split into alternating rounds so that both meet the same background load;
 * the figure is payloads per second of measured time.
 */
import { parse as txmlParse } from "txml/txml";

import { parseConnectXml } from "../src/connect/parse-xml.ts";
import { SAMPLE_BYTES } from "./sample.ts";

/** Calls between two looks at the clock, so reading the clock costs next to nothing. */
const CALLS_PER_BATCH = 1_000;
const BYTES_PER_MB = 1_000_000;
/** The measured time is split into this many rounds per parser, taken in turns. */
const ROUNDS = 4;

export interface ParseBenchOptions {
  warmupMs: number;
  measureMs: number;
}

export interface Throughput {
  payloadsPerSecond: number;
  megabytesPerSecond: number;
  calls: number;
  elapsedMs: number;
}

export interface ParseFigures {
  payloadBytes: number;
  ours: Throughput;
  txml: Throughput;
  /** How many times slower ours is than bare txml (txml rate / our rate). */
  slowdown: number;
}

/** Measures both parsers on the sample payload, ours first. */
export function benchParse(options: ParseBenchOptions): ParseFigures {
  const bytes = SAMPLE_BYTES;
  const decoder = new TextDecoder("utf-8");

  const ours = (): number => {
    const result = parseConnectXml(bytes);
    if (!result.ok) throw new Error(`the sample does not parse: ${result.issues[0]?.code ?? "?"}`);
    return 1;
  };
  const txml = (): number => txmlParse(decoder.decode(bytes)).length;

  // Both warm up before either is measured, so neither profits from the other's JIT work.
  timed(ours, options.warmupMs);
  timed(txml, options.warmupMs);

  const oursTotal = { calls: 0, elapsedMs: 0 };
  const txmlTotal = { calls: 0, elapsedMs: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    add(oursTotal, timed(ours, options.measureMs / ROUNDS));
    add(txmlTotal, timed(txml, options.measureMs / ROUNDS));
  }
  const oursFigures = throughput(oursTotal, bytes.length);
  const txmlFigures = throughput(txmlTotal, bytes.length);

  return {
    payloadBytes: bytes.length,
    ours: oursFigures,
    txml: txmlFigures,
    slowdown: txmlFigures.payloadsPerSecond / oursFigures.payloadsPerSecond,
  };
}

interface Timed {
  calls: number;
  elapsedMs: number;
}

/**
 * Calls `run` in batches until `durationMs` has passed. `run` returns a number that is summed
 * and checked, so the engine cannot drop the work as unused.
 */
function timed(run: () => number, durationMs: number): Timed {
  let calls = 0;
  let sink = 0;
  const start = performance.now();
  let elapsedMs = 0;

  while (elapsedMs < durationMs) {
    for (let i = 0; i < CALLS_PER_BATCH; i++) sink += run();
    calls += CALLS_PER_BATCH;
    elapsedMs = performance.now() - start;
  }
  if (sink < calls) throw new Error("a parser returned nothing");
  return { calls, elapsedMs };
}

function add(total: Timed, part: Timed): void {
  total.calls += part.calls;
  total.elapsedMs += part.elapsedMs;
}

function throughput(total: Timed, payloadBytes: number): Throughput {
  const payloadsPerSecond = (total.calls * 1000) / total.elapsedMs;
  return {
    payloadsPerSecond,
    megabytesPerSecond: (payloadsPerSecond * payloadBytes) / BYTES_PER_MB,
    calls: total.calls,
    elapsedMs: total.elapsedMs,
  };
}

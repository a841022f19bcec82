/**
 * The benchmark's targets and its summary table. Figures are compared with the targets only to
 * print "target met" or "target missed" beside them: a benchmark reports, it does not fail.
 */
import type { LoadResult } from "./load.ts";
import type { ParseFigures, Throughput } from "./parse.ts";
import type { SessionFigures } from "./sessions.ts";

/** Parse-and-validate of the sample payload must reach this rate on one core. */
export const MIN_PARSE_PAYLOADS_PER_SECOND = 100_000;
/** …and cost at most this many times what bare txml costs on the same bytes. */
export const MAX_PARSE_SLOWDOWN = 4;
/** Session create must reach this share of the bare Durable Object create rate. */
export const MIN_CREATE_SHARE_OF_BASELINE = 0.8;

export type Verdict = "target met" | "target missed" | "error" | "";

export interface Row {
  benchmark: string;
  figure: string;
  target: string;
  verdict: Verdict;
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export function parseRows(figures: ParseFigures): Row[] {
  const { ours, txml, slowdown } = figures;
  return [
    {
      benchmark: `parse+validate, ours (${figures.payloadBytes} B payload)`,
      figure: throughputFigure(ours),
      target: `≥ ${integer.format(MIN_PARSE_PAYLOADS_PER_SECOND)} payloads/s`,
      verdict: verdict(ours.payloadsPerSecond >= MIN_PARSE_PAYLOADS_PER_SECOND),
    },
    {
      benchmark: "parse, bare txml (decode + parse)",
      figure: throughputFigure(txml),
      target: "",
      verdict: "",
    },
    {
      benchmark: "parse, ours vs bare txml",
      figure: `${decimal.format(slowdown)}× the time per payload`,
      target: `≤ ${MAX_PARSE_SLOWDOWN}×`,
      verdict: verdict(slowdown <= MAX_PARSE_SLOWDOWN),
    },
  ];
}

export function sessionRows(figures: SessionFigures): Row[] {
  const { create, baseline } = figures;
  const minShare = `≥ ${integer.format(MIN_CREATE_SHARE_OF_BASELINE * 100)} % of baseline`;
  const createRow: Row = {
    benchmark: "session create (POST …/Connect/Session)",
    figure: loadFigure(create),
    target: minShare,
    verdict: "",
  };
  if (baseline !== null && baseline.perSecond > 0) {
    const share = create.perSecond / baseline.perSecond;
    const wanted = baseline.perSecond * MIN_CREATE_SHARE_OF_BASELINE;
    createRow.figure += ` = ${integer.format(share * 100)} % of baseline`;
    createRow.target += ` (${integer.format(wanted)} req/s)`;
    createRow.verdict = verdict(share >= MIN_CREATE_SHARE_OF_BASELINE);
  }

  const rows: Row[] = [];
  if (baseline !== null) {
    rows.push({
      benchmark: "baseline: DO create + 1 SQLite row",
      figure: loadFigure(baseline),
      target: "",
      verdict: "",
    });
  }
  rows.push(
    createRow,
    {
      benchmark: "session navigation (GET …/Navigation)",
      figure: loadFigure(figures.navigation),
      target: "",
      verdict: "",
    },
    {
      benchmark: "session input (GET …/Input)",
      figure: loadFigure(figures.input),
      target: "",
      verdict: "",
    },
    {
      benchmark: "execute, one-page sample → .docx (POST …/Execute)",
      figure: `${loadFigure(figures.execute)} (documents/s)`,
      target: "",
      verdict: "",
    },
  );
  return rows;
}

export function errorRow(benchmark: string, error: unknown): Row {
  const message = error instanceof Error ? error.message : String(error);
  return {
    benchmark,
    figure: `error: ${message.split("\n")[0] ?? ""}`,
    target: "",
    verdict: "error",
  };
}

/** Prints rows as a fixed-width table. */
export function printTable(rows: readonly Row[]): void {
  const header: Row = { benchmark: "benchmark", figure: "figure", target: "target", verdict: "" };
  const all = [header, ...rows];
  const widths = {
    benchmark: Math.max(...all.map((r) => r.benchmark.length)),
    figure: Math.max(...all.map((r) => r.figure.length)),
    target: Math.max(...all.map((r) => r.target.length)),
  };
  const line = (r: Row): string =>
    [
      r.benchmark.padEnd(widths.benchmark),
      r.figure.padEnd(widths.figure),
      r.target.padEnd(widths.target),
      r.verdict,
    ]
      .join("  ")
      .trimEnd();

  console.log(line(header));
  console.log(
    "-".repeat(widths.benchmark + widths.figure + widths.target + 6 + "target missed".length),
  );
  for (const row of rows) console.log(line(row));
}

function throughputFigure(t: Throughput): string {
  const rate = integer.format(t.payloadsPerSecond);
  return `${rate} payloads/s, ${decimal.format(t.megabytesPerSecond)} MB/s`;
}

function loadFigure(result: LoadResult): string {
  const parts = [
    `${integer.format(result.perSecond)} req/s`,
    `p50 ${decimal.format(result.medianMs)} ms`,
    `p99 ${decimal.format(result.p99Ms)} ms`,
  ];
  const incomplete = result.failed + result.skipped;
  if (incomplete > 0) parts.push(`${result.failed} failed, ${result.skipped} not sent`);
  return parts.join(", ");
}

function verdict(met: boolean): Verdict {
  return met ? "target met" : "target missed";
}

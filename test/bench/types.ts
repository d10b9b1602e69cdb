/** One measured figure of a benchmark, as written to docs/benchmarks.md. */
export interface BenchResult {
  /** What was measured, e.g. "webhook ingest throughput (SQLite)". */
  name: string;
  value: number;
  unit: string;
  /** The target from the issue, in words, e.g. "≥ 500/s". */
  target?: string;
  /** Whether the value meets the target (omitted when there is none). */
  pass?: boolean;
  notes?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export type RunResult = { name: string; count: number; errors: number; seconds: number; latencies: number[]; firstError?: string };

export function summarize(r: RunResult) {
  const s = [...r.latencies].sort((a, b) => a - b);
  return {
    scenario: r.name,
    launches: r.count,
    errors: r.errors,
    "per second": Math.round((r.count / r.seconds) * 10) / 10,
    "p50 ms": Math.round(percentile(s, 50)),
    "p95 ms": Math.round(percentile(s, 95)),
    "p99 ms": Math.round(percentile(s, 99)),
  };
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at a time. */
export async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await task(next++);
  }));
}

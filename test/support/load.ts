import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  readonly seconds: number;
  readonly perSecond: number;
  readonly statuses: Readonly<Record<number, number>>;
  readonly latencies: readonly number[];
  percentile(p: number): number;
}

/**
 * Runs `count` tasks with `concurrency` in flight at once (a closed loop, like 64 clients
 * that each send the next request when the last one is answered) and times each.
 * A task returns its final HTTP status (after any retries it makes itself).
 */
export async function runLoad(count: number, concurrency: number, task: (index: number) => Promise<number>): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const begun = performance.now();
      const status = await task(index);
      latencies.push(performance.now() - begun);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const seconds = (performance.now() - start) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    seconds,
    perSecond: count / seconds,
    statuses,
    latencies: sorted,
    percentile: (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN,
  };
}

/** Resident memory of a process, in MB (Linux). */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

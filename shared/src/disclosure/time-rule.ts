/**
 * D6 — differencing over time. A new snapshot may be published only if every number
 * published in both it and the last published snapshot changed by 0 or by at least k;
 * otherwise subtracting the two would describe the few people who answered in between.
 */
export interface HeldChange {
  readonly id: string;
  readonly previous: number;
  readonly current: number;
}

export function smallChanges(previous: ReadonlyMap<string, number>, current: ReadonlyMap<string, number>, k: number): HeldChange[] {
  const held: HeldChange[] = [];
  for (const [id, value] of current) {
    const before = previous.get(id);
    if (before === undefined) continue;
    const change = Math.abs(value - before);
    if (change > 0 && change < k) held.push({ id, previous: before, current: value });
  }
  return held;
}

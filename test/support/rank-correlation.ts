/** Spearman's rank correlation (average ranks for ties; 0 when either side is constant). */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rank = (values: readonly number[]) => {
    const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
    const ranks = new Array<number>(values.length);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]?.value === order[i]?.value) j++;
      for (let k = i; k <= j; k++) ranks[(order[k] as { index: number }).index] = (i + j) / 2;
      i = j + 1;
    }
    return ranks;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    const dx = (rx[i] as number) - mx;
    const dy = (ry[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** A row's physical position from its ctid, "(page,tuple)". */
export function ctidNumber(ctid: string): number {
  const [page, tuple] = ctid.replace(/[()]/g, '').split(',').map(Number);
  return (page as number) * 10_000 + (tuple as number);
}

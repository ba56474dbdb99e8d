import { chiSquareUpperTail } from './distributions';

export interface ChiSquareResult {
  readonly chiSquare: number;
  readonly df: number;
  readonly p: number;
}

function assertSquare(table: readonly (readonly number[])[]): number {
  const k = table.length;
  if (k < 2 || table.some((row) => row.length !== k)) throw new RangeError('need a square table of at least 2 × 2');
  return k;
}

/** Solves A x = y by Gaussian elimination with partial pivoting (A small and symmetric here). */
function solveLinear(matrix: number[][], vector: number[]): number[] | null {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++)
      if (Math.abs((a[row] as number[])[col] as number) > Math.abs((a[pivot] as number[])[col] as number)) pivot = row;
    if (Math.abs((a[pivot] as number[])[col] as number) < 1e-12) return null;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const pivotRow = a[col] as number[];
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const current = a[row] as number[];
      const factor = (current[col] as number) / (pivotRow[col] as number);
      for (let j = col; j <= n; j++) current[j] = (current[j] as number) - factor * (pivotRow[j] as number);
    }
  }
  return a.map((row, i) => (row[n] as number) / (row[i] as number));
}

/**
 * Stuart–Maxwell test of marginal homogeneity for a k × k paired table (rows = before,
 * columns = after): did the distribution change, whatever the direction?
 */
export function stuartMaxwellTest(table: readonly (readonly number[])[]): ChiSquareResult {
  const k = assertSquare(table);
  const cell = (i: number, j: number) => (table[i] as readonly number[])[j] as number;
  const rowTotal = (i: number) => table[i]?.reduce((s, v) => s + v, 0) ?? 0;
  const colTotal = (j: number) => table.reduce((s, row) => s + (row[j] as number), 0);
  const m = k - 1;
  const d = Array.from({ length: m }, (_, i) => rowTotal(i) - colTotal(i));
  const S = Array.from({ length: m }, (_, i) =>
    Array.from({ length: m }, (_, j) => (i === j ? rowTotal(i) + colTotal(i) - 2 * cell(i, i) : -(cell(i, j) + cell(j, i)))),
  );
  const solution = solveLinear(S, d);
  if (!solution) return { chiSquare: 0, df: m, p: 1 };
  const chiSquare = d.reduce((sum, value, i) => sum + value * (solution[i] as number), 0);
  return { chiSquare, df: m, p: chiSquareUpperTail(chiSquare, m) };
}

/**
 * Bowker's test of symmetry. Pairs of cells that are both empty carry no information
 * and are left out of the statistic and its degrees of freedom.
 */
export function bowkerTest(table: readonly (readonly number[])[]): ChiSquareResult {
  const k = assertSquare(table);
  let chiSquare = 0;
  let df = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const upper = (table[i] as readonly number[])[j] as number;
      const lower = (table[j] as readonly number[])[i] as number;
      if (upper + lower === 0) continue;
      chiSquare += (upper - lower) ** 2 / (upper + lower);
      df++;
    }
  }
  return { chiSquare, df, p: df === 0 ? 1 : chiSquareUpperTail(chiSquare, df) };
}

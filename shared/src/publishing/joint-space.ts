import type { LinearTerm } from '../disclosure/interval-audit';
import type { Catalogue, Joint } from './catalogue';

/** Counts SQL returns for one joint cell: how many responses, and the sum of their record keys. */
export interface CellCount {
  readonly count: number;
  readonly keySum: number;
}

/** Joint id → cell key (categories joined by {@link CELL_SEPARATOR}, in dimension order) → counts. */
export type JointCounts = ReadonlyMap<string, ReadonlyMap<string, CellCount>>;

export const CELL_SEPARATOR = '\u0001';

export interface JointLayout {
  readonly joint: Joint;
  readonly offset: number;
  readonly size: number;
  readonly categories: readonly (readonly string[])[];
}

/**
 * Numbers every cell of every joint: the audit's variables. Cell i of a joint is the
 * mixed-radix number of its category indexes, in the joint's dimension order.
 */
export class JointSpace {
  readonly layouts = new Map<string, JointLayout>();
  readonly variableCount: number;
  private readonly values: Float64Array;
  private readonly keySums: Float64Array;

  constructor(catalogue: Catalogue, counts: JointCounts) {
    let offset = 0;
    for (const joint of catalogue.joints) {
      const categories = joint.dimensions.map((id) => catalogue.dimensions.get(id)?.categories ?? []);
      const size = categories.reduce((product, list) => product * list.length, 1);
      this.layouts.set(joint.id, { joint, offset, size, categories });
      offset += size;
    }
    this.variableCount = offset;
    this.values = new Float64Array(offset);
    this.keySums = new Float64Array(offset);
    for (const [jointId, cells] of counts) {
      const layout = this.layouts.get(jointId);
      if (!layout) continue;
      for (const [key, cell] of cells) {
        const index = this.indexOf(layout, key.split(CELL_SEPARATOR));
        if (index === undefined) continue;
        this.values[index] = (this.values[index] as number) + cell.count;
        this.keySums[index] = (this.keySums[index] as number) + cell.keySum;
      }
    }
  }

  layout(jointId: string): JointLayout {
    const layout = this.layouts.get(jointId);
    if (!layout) throw new Error(`no joint ${jointId}`);
    return layout;
  }

  indexOf(layout: JointLayout, tuple: readonly string[]): number | undefined {
    let index = 0;
    for (let d = 0; d < layout.categories.length; d++) {
      const list = layout.categories[d] as readonly string[];
      const position = list.indexOf(tuple[d] as string);
      if (position < 0) return undefined;
      index = index * list.length + position;
    }
    return layout.offset + index;
  }

  /** Every cell of a joint with its category tuple. */
  *cells(jointId: string): Generator<{ readonly variable: number; readonly tuple: readonly string[] }> {
    const layout = this.layout(jointId);
    const tuple = layout.categories.map((list) => list[0] as string);
    const positions = layout.categories.map(() => 0);
    for (let i = 0; i < layout.size; i++) {
      yield { variable: layout.offset + i, tuple: [...tuple] };
      for (let d = positions.length - 1; d >= 0; d--) {
        const list = layout.categories[d] as readonly string[];
        positions[d] = (positions[d] as number) + 1;
        if ((positions[d] as number) < list.length) {
          tuple[d] = list[positions[d] as number] as string;
          break;
        }
        positions[d] = 0;
        tuple[d] = list[0] as string;
      }
    }
  }

  /** The variables of a joint whose categories satisfy `predicate`, as audit terms. */
  terms(jointId: string, predicate: (tuple: readonly string[]) => boolean): LinearTerm[] {
    const terms: LinearTerm[] = [];
    for (const cell of this.cells(jointId)) if (predicate(cell.tuple)) terms.push({ variable: cell.variable, coefficient: 1 });
    return terms;
  }

  valueOf(terms: readonly LinearTerm[]): number {
    return terms.reduce((sum, term) => sum + term.coefficient * (this.values[term.variable] as number), 0);
  }

  keySumOf(terms: readonly LinearTerm[]): number {
    return terms.reduce((sum, term) => sum + term.coefficient * (this.keySums[term.variable] as number), 0);
  }

  cellValue(variable: number): number {
    return this.values[variable] as number;
  }
}

import type { SuppressionReason } from '../contracts/publications';
import type { LinearConstraint, LinearTerm } from '../disclosure/interval-audit';
import { NOT_ANSWERED, REFUSED, type Catalogue } from './catalogue';
import type { JointSpace } from './joint-space';

export type QuantityRole = 'total' | 'n' | 'cell' | 'refused' | 'margin' | 'change';

/** A number the catalogue would publish: a sum of joint cells, with what became of it. */
export interface Quantity {
  readonly id: string;
  readonly table: string;
  readonly role: QuantityRole;
  /** The row it belongs to in its table (a cross-tab group, a pair half); '' otherwise. */
  readonly row: string;
  readonly terms: readonly LinearTerm[];
  readonly value: number;
  readonly keySum: number;
  /** Checked against its complement too (multi-select options: n − chosen). */
  readonly complementOf?: string;
  state: 'published' | SuppressionReason;
  /** Set with a complementary suppression: the id of the number it was hidden to protect. */
  protects?: string;
  published?: { readonly value: number; readonly lower: number; readonly upper: number };
}

/** A group never published as a number that the audit must still protect. */
export interface DerivedCell {
  readonly id: string;
  readonly table: string;
  readonly row: string;
  readonly terms: readonly LinearTerm[];
  readonly value: number;
}

export interface QuantityModel {
  readonly quantities: Map<string, Quantity>;
  readonly derived: readonly DerivedCell[];
  /** Identities every attacker knows: joint totals, shared margins, multi-select consistency. */
  readonly structure: readonly LinearConstraint[];
  /** Tables that share dimensions, for choosing complementary suppressions across links. */
  readonly dimensionsOfTable: ReadonlyMap<string, readonly string[]>;
  /** The structure constraints that say "every joint counts every response": they depend on the release. */
  readonly totals: ReadonlySet<LinearConstraint>;
}

export const isSubstantive = (category: string) => category !== NOT_ANSWERED && category !== REFUSED;

/** The model under construction, and the three ways a number or an identity enters it. */
export interface ModelBuilder {
  readonly catalogue: Catalogue;
  readonly space: JointSpace;
  readonly quantities: Map<string, Quantity>;
  readonly derived: DerivedCell[];
  readonly structure: LinearConstraint[];
  readonly dimensionsOfTable: Map<string, readonly string[]>;
  /** A published number. */
  readonly add: (id: string, table: string, role: QuantityRole, row: string, terms: LinearTerm[], complementOf?: string) => void;
  /** A group the audit protects without publishing it (skipped when it has no cells). */
  readonly addDerived: (id: string, table: string, row: string, terms: LinearTerm[]) => void;
  /** An identity every attacker knows: two sums of cells are equal. */
  readonly equal: (left: LinearTerm[], right: LinearTerm[]) => void;
}

export function modelBuilder(catalogue: Catalogue, space: JointSpace): ModelBuilder {
  const quantities = new Map<string, Quantity>();
  const derived: DerivedCell[] = [];
  const structure: LinearConstraint[] = [];
  return {
    catalogue,
    space,
    quantities,
    derived,
    structure,
    dimensionsOfTable: new Map<string, readonly string[]>(),
    add: (id, table, role, row, terms, complementOf) => {
      quantities.set(id, {
        id,
        table,
        role,
        row,
        terms,
        value: space.valueOf(terms),
        keySum: space.keySumOf(terms),
        complementOf,
        state: 'published',
      });
    },
    addDerived: (id, table, row, terms) => {
      const value = space.valueOf(terms);
      if (terms.length > 0) derived.push({ id, table, row, terms, value });
    },
    equal: (left, right) => {
      const terms = [...left, ...right.map((t) => ({ variable: t.variable, coefficient: -t.coefficient }))];
      if (terms.length > 0) structure.push({ terms, lower: 0, upper: 0 });
    },
  };
}

export function groupCombinations(lists: readonly (readonly string[])[]): string[][] {
  return lists.reduce<string[][]>((combos, list) => combos.flatMap((combo) => list.map((value) => [...combo, value])), [[]]);
}

import { NOT_ANSWERED, REFUSED, type PairTable } from './catalogue';
import { isSubstantive, type ModelBuilder } from './quantity-model';

/** Who answered a pair: qualifying (when the joint has qualifiers) and answering both halves. */
interface PairReading {
  readonly pair: PairTable;
  /** How many qualifying dimensions come before the two halves in the joint. */
  readonly q: number;
  readonly qualifies: (t: readonly string[]) => boolean;
  readonly paired: (t: readonly string[]) => boolean;
  readonly order: readonly string[];
}

/** A before/after pair: its n and both margins, then its 2 × 2 table or its changes, and the groups refusing a half. */
export function addPair(b: ModelBuilder, pair: PairTable): void {
  const { space, add } = b;
  b.dimensionsOfTable.set(pair.id, [...pair.qualifiers, pair.before, pair.after]);
  const q = pair.qualifiers.length;
  const qualifies = (t: readonly string[]) => t.slice(0, q).every((c) => c === 'yes');
  const paired = (t: readonly string[]) => qualifies(t) && isSubstantive(t[q] as string) && isSubstantive(t[q + 1] as string);
  const order = pair.categories.map((c) => c.value);
  const reading: PairReading = { pair, q, qualifies, paired, order };
  add(`${pair.id}:n`, pair.id, 'n', '', space.terms(pair.joint, paired));
  for (const category of order) {
    add(
      `${pair.id}:before:${category}`,
      pair.id,
      'margin',
      'before',
      space.terms(pair.joint, (t) => paired(t) && t[q] === category),
    );
    add(
      `${pair.id}:after:${category}`,
      pair.id,
      'margin',
      'after',
      space.terms(pair.joint, (t) => paired(t) && t[q + 1] === category),
    );
  }
  if (pair.binary) addPairTable(b, reading);
  else addPairChanges(b, reading);
  // Refusing one half while answering (or refusing) the other is a group too.
  for (const { variable, tuple } of space.cells(pair.joint)) {
    if (!qualifies(tuple)) continue;
    const halves = tuple.slice(q);
    if (halves.includes(NOT_ANSWERED) || !halves.includes(REFUSED)) continue;
    b.addDerived(`${pair.id}:refused:${halves.join('|')}`, pair.id, '', [{ variable, coefficient: 1 }]);
  }
}

/** A yes/no pair's 2 × 2 table: a = yes → yes, b = yes → no, c = no → yes, d = no → no. */
function addPairTable(b: ModelBuilder, { pair, q, paired, order }: PairReading): void {
  const [yes, no] = order as [string, string];
  const cells: Record<string, [string, string]> = { a: [yes, yes], b: [yes, no], c: [no, yes], d: [no, no] };
  for (const [name, [before, after]] of Object.entries(cells)) {
    b.add(
      `${pair.id}:cell:${name}`,
      pair.id,
      'cell',
      '',
      b.space.terms(pair.joint, (t) => paired(t) && t[q] === before && t[q + 1] === after),
    );
  }
}

/** An ordinal pair: how many moved up, stayed, moved down; its inner cells are protected, never published. */
function addPairChanges(b: ModelBuilder, { pair, q, paired, order }: PairReading): void {
  const { space, add } = b;
  const rank = (c: string) => order.indexOf(c);
  add(
    `${pair.id}:up`,
    pair.id,
    'change',
    '',
    space.terms(pair.joint, (t) => paired(t) && rank(t[q + 1] as string) > rank(t[q] as string)),
  );
  add(
    `${pair.id}:same`,
    pair.id,
    'change',
    '',
    space.terms(pair.joint, (t) => paired(t) && rank(t[q + 1] as string) === rank(t[q] as string)),
  );
  add(
    `${pair.id}:down`,
    pair.id,
    'change',
    '',
    space.terms(pair.joint, (t) => paired(t) && rank(t[q + 1] as string) < rank(t[q] as string)),
  );
  for (const { variable, tuple } of space.cells(pair.joint)) {
    if (paired(tuple)) b.addDerived(`${pair.id}:inner:${tuple.slice(q).join('|')}`, pair.id, '', [{ variable, coefficient: 1 }]);
  }
}

import { canonicalJson } from './canonical-json';
import { coarsePeriod } from '../respondent/coarse-period';
import { findQuestionPairs } from '../templates/question-pairs';
import { localize } from './survey-definition';

describe('coarsePeriod', () => {
  const wednesday = new Date('2026-03-18T23:59:59.999Z');

  it('keeps the day only, in UTC', () => {
    expect(coarsePeriod(wednesday, 'day')).toBe('2026-03-18');
  });

  it('rounds down to the Monday of the ISO week', () => {
    expect(coarsePeriod(wednesday, 'week')).toBe('2026-03-16');
    expect(coarsePeriod(new Date('2026-03-22T12:00:00Z'), 'week')).toBe('2026-03-16');
    expect(coarsePeriod(new Date('2026-03-16T00:00:00Z'), 'week')).toBe('2026-03-16');
  });

  it('rounds down to the first of the month', () => {
    expect(coarsePeriod(wednesday, 'month')).toBe('2026-03-01');
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level so equal values serialise equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('drops undefined members like JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });
});

describe('findQuestionPairs', () => {
  it('pairs <stem>__before with <stem>__after and ignores halves without a partner', () => {
    expect(findQuestionPairs(['income__before', 'income__after', 'clients__before', 'worked__after', 'age'])).toEqual([
      { stem: 'income', before: 'income__before', after: 'income__after' },
    ]);
  });
});

describe('localize', () => {
  it('picks the locale, then the default text', () => {
    expect(localize({ default: 'Yes', es: 'Sí' }, 'es')).toBe('Sí');
    expect(localize({ default: 'Yes', es: 'Sí' }, 'fr')).toBe('Yes');
    expect(localize('Plain', 'es')).toBe('Plain');
    expect(localize(undefined, 'es', 'fallback')).toBe('fallback');
  });
});

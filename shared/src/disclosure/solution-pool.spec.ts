import { SolutionPool, provedByPool } from './solution-pool';

describe('the pool of known solutions', () => {
  it('keeps a solution once, however often it is found, and ranges targets over what it keeps', () => {
    const pool = new SolutionPool(Float64Array.from([3, 4, 5]));
    expect(pool.learn(new Map([[0, 6]]), new Map())).toBe(true);
    expect(pool.learn(new Map([[0, 6]]), new Map())).toBe(false);
    // The base itself, found again.
    expect(pool.learn(new Map([[0, 3]]), new Map([[2, 5]]))).toBe(false);
    expect(pool.size).toBe(2);
    expect(pool.range([{ variable: 0, coefficient: 1 }])).toEqual({ min: 3, max: 6 });
    expect(pool.range([{ variable: 1, coefficient: 1 }])).toEqual({ min: 4, max: 4 });
  });

  it('drops the oldest learned solution, never the base, when full', () => {
    const pool = new SolutionPool(Float64Array.from([0, 0]), 3);
    for (let value = 1; value <= 5; value++) pool.learn(new Map([[0, value]]), new Map());
    expect(pool.size).toBe(3);
    expect(pool.range([{ variable: 0, coefficient: 1 }])).toEqual({ min: 0, max: 5 });
  });

  it('passes a target only on values D5 accepts', () => {
    // A hidden number needs k of width and to reach k; a group needs to reach 0 or k of width.
    expect(provedByPool('suppressed', 0, 11, 11)).toBe(true);
    expect(provedByPool('suppressed', 1, 11, 11)).toBe(false);
    expect(provedByPool('derived', 0, 3, 11)).toBe(true);
    expect(provedByPool('derived', 2, 12, 11)).toBe(false);
    expect(provedByPool('derived', 2, 13, 11)).toBe(true);
  });
});

import type { PublicationPreview } from '../contracts/publications';
import type { LedgerValue } from './release';
import { coarseCount, distinctReleases, heldAgainstShown, previewForStaff } from './staff-release';

const exact = (entries: Record<string, number>) =>
  new Map<string, LedgerValue>(Object.entries(entries).map(([id, value]) => [id, { value, lower: value, upper: value }]));

describe('coarse response counts for staff', () => {
  it('rounds down to a multiple of k, so one more response never shows', () => {
    expect(coarseCount(0, 11, 100)).toEqual({ atLeast: 0, step: 11, floorReached: false });
    expect(coarseCount(10, 11, 100)).toEqual({ atLeast: 0, step: 11, floorReached: false });
    expect(coarseCount(21, 11, 100)).toEqual({ atLeast: 11, step: 11, floorReached: false });
    expect(coarseCount(22, 11, 100)).toEqual({ atLeast: 22, step: 11, floorReached: false });
  });

  it('says "at least the floor" once the release floor is reached', () => {
    expect(coarseCount(99, 11, 100)).toEqual({ atLeast: 99, step: 11, floorReached: false });
    expect(coarseCount(100, 11, 100)).toEqual({ atLeast: 100, step: 11, floorReached: true });
    expect(coarseCount(109, 11, 100)).toEqual({ atLeast: 100, step: 11, floorReached: true });
    expect(coarseCount(110, 11, 100)).toEqual({ atLeast: 110, step: 11, floorReached: true });
  });
});

describe('the time rule against every release shown to staff', () => {
  it('holds numbers that moved by 1 … k − 1 since any shown release, not only the last', () => {
    const shown = [
      { number: 1, values: exact({ N: 100, a: 40 }) },
      { number: 2, values: exact({ N: 111, a: 51 }) },
    ];
    expect(heldAgainstShown(shown, exact({ N: 122, a: 51 }), 11)).toEqual([]);
    // a moved by 3 since release 2 (and by 14 since release 1): held.
    expect(heldAgainstShown(shown, exact({ N: 122, a: 54 }), 11)).toEqual(['a']);
    // N moved by 11 since release 2 but by 5 since release 1: the earlier release holds it.
    expect(
      heldAgainstShown(
        [
          { number: 1, values: exact({ N: 106 }) },
          { number: 2, values: exact({ N: 100 }) },
        ],
        exact({ N: 111 }),
        11,
      ),
    ).toEqual(['N']);
  });

  it('keeps one release for the same numbers shown twice', () => {
    const a = { number: 1, values: exact({ N: 100 }) };
    expect(
      distinctReleases([a, { number: 2, values: exact({ N: 100 }) }, { number: 3, values: exact({ N: 111 }) }]).map((e) => e.number),
    ).toEqual([1, 3]);
  });
});

describe('what staff see of a preview', () => {
  const computed: PublicationPreview = {
    snapshot: { responses: 101 } as unknown as PublicationPreview['snapshot'],
    canPublish: false,
    blocks: [{ code: 'HELD_BY_TIME_RULE', message: '3 published number(s) changed by less than 11 since release 1' }],
    held: [{ id: 'N', previous: 100, current: 101 }],
    suppressions: [{ id: 'q:c:a', table: 'q', reason: 'primary' }],
    audit: { targets: 7, solved: 7, iterations: 2, passed: true, failures: [] },
    warnings: ['from the definition', 'from the answers: 1 unknown'],
    comparedWith: 1,
  };

  it('shows a held release as its reasons only, with no number computed from the answers', () => {
    const staff = previewForStaff(computed, { k: 11, minResponses: 100 }, ['from the definition']);
    expect(staff).toEqual({
      snapshot: null,
      canPublish: false,
      blocks: [{ code: 'HELD_BY_TIME_RULE', message: expect.stringContaining('time rule') }],
      held: [],
      suppressions: [],
      audit: null,
      warnings: ['from the definition'],
      comparedWith: 1,
    });
    expect(staff.blocks[0]?.message.match(/\d+/g)).toEqual(['11']);
  });

  it('shows only the time rule when it holds: whether the audit fails or everything is suppressed depends on the newest answers', () => {
    const failing = {
      ...computed,
      audit: { ...computed.audit, passed: false },
      blocks: [
        { code: 'AUDIT_FAILED' as const, message: 'The disclosure audit still finds 1 number(s)' },
        { code: 'HELD_BY_TIME_RULE' as const, message: '1 published number(s) changed by less than 11 since release 1' },
        { code: 'NOTHING_TO_PUBLISH' as const, message: 'Every table would be suppressed' },
      ],
    };
    const passing = { ...computed, blocks: [computed.blocks[0] as (typeof computed.blocks)[number]] };
    const settings = { k: 11, minResponses: 100 };
    // The two differ only in what the few newest respondents answered: staff must not tell them apart.
    expect(previewForStaff(failing, settings, [])).toEqual(previewForStaff(passing, settings, []));
  });

  it('shows a publishable release whole', () => {
    const ready = { ...computed, canPublish: true, blocks: [], held: [] };
    expect(previewForStaff(ready, { k: 11, minResponses: 100 }, [])).toEqual({ ...ready, held: [] });
  });
});

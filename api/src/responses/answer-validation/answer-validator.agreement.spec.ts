import fc from 'fast-check';
import { Model, type Question } from 'survey-core';
import {
  canonicalJson,
  compileSurvey,
  DEMO_SURVEY_DEFINITION,
  validateAnswers,
  type CompiledSurvey,
  type SurveyDefinition,
} from '@candor/shared';
import { createConditionEvaluator } from './survey-core-conditions';

/**
 * The compiled validator must agree with survey-core itself. The reference below runs a
 * real survey-core model, one per version and reused, the way STACK.md measured it:
 * unknown keys and answers to hidden questions are refused, `clearIncorrectValues`
 * must leave the answers unchanged (no choice that is not offered), and `validate`
 * must pass (required, "Other" text, validators, bounds, every matrix row).
 *
 * Answers are generated as a SurveyJS client could send them — JSON types right, no
 * duplicates, exclusive items alone — plus every kind of mistake survey-core catches.
 * Where Candor is deliberately stricter than survey-core (wrong JSON types, duplicate
 * or combined exclusive choices, empty values), the unit tests beside this file say so.
 */
const RICH_DEFINITION: SurveyDefinition = {
  pages: [
    {
      name: 'first',
      elements: [
        { type: 'radiogroup', name: 'gate', isRequired: true, choices: ['yes', 'no'] },
        { type: 'dropdown', name: 'region', choices: ['north', 'south', 'west'], showRefuseItem: true, visibleIf: "{gate} = 'yes'" },
        {
          type: 'checkbox',
          name: 'tools',
          choices: ['a', 'b', 'c', { value: 'd', visibleIf: "{region} = 'west'" }],
          showOtherItem: true,
          showNoneItem: true,
          showRefuseItem: true,
          maxSelectedChoices: 2,
        },
        { type: 'boolean', name: 'agree' },
        { type: 'rating', name: 'score', rateMin: 1, rateMax: 5, requiredIf: "{agree} = true" },
        { type: 'text', name: 'clients', inputType: 'number', min: 0, max: 50 },
        { type: 'text', name: 'code', maxLength: 8, validators: [{ type: 'regex', regex: '^[a-z]+$' }] },
      ],
    },
    {
      name: 'second',
      visibleIf: "{gate} = 'yes'",
      elements: [
        {
          type: 'panel',
          name: 'details',
          visibleIf: "{tools} anyof ['a', 'b']",
          elements: [
            { type: 'comment', name: 'story', maxLength: 40 },
            { type: 'radiogroup', name: 'safe', choices: [1, 2, 3], isRequired: true },
          ],
        },
        {
          type: 'matrix',
          name: 'grid',
          rows: ['r1', 'r2', { value: 'r3', visibleIf: "{region} = 'north'" }],
          columns: ['never', 'sometimes', 'always'],
          eachRowRequired: true,
          visibleIf: "{region} notempty",
        },
      ],
    },
  ],
};

function referenceAccepts(model: Model, answers: Record<string, unknown>): boolean {
  model.clear(true, true);
  for (const key of Object.keys(answers)) {
    const name = key.endsWith('-Comment') ? key.slice(0, -'-Comment'.length) : key;
    if (!model.getQuestionByName(name)) return false;
  }
  // JSON round trip, not structuredClone: under jest that builds objects in another realm,
  // which survey-core's `instanceof Array` checks do not recognise.
  model.data = JSON.parse(JSON.stringify(answers));
  for (const key of Object.keys(answers)) {
    const question = model.getQuestionByName(key.replace(/-Comment$/, '')) as Question;
    const pageVisible = question.page ? question.page.isVisible : true;
    if (!question.isVisible || !question.isParentVisible || !pageVisible) return false;
  }
  model.clearIncorrectValues(true);
  if (canonicalJson(model.data) !== canonicalJson(answers)) return false;
  return model.validate(false, false);
}

function compiledAccepts(compiled: CompiledSurvey, answers: Record<string, unknown>): boolean {
  return validateAnswers(compiled, answers, evaluate).length === 0;
}

const evaluate = createConditionEvaluator();

/**
 * One answer set: mostly what a respondent following the skip logic would send, with a
 * few mistakes mixed in (answers to hidden questions, values not offered, required
 * answers left out, bounds and patterns broken).
 */
function answersArbitrary(): fc.Arbitrary<Record<string, unknown>> {
  const usually = <T>(valid: readonly T[], invalid: readonly T[]) =>
    fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 9 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });
  // Uniform in [0, 1): fast-check's numbers are biased towards edge values unless told otherwise.
  const chance = () => fc.noBias(fc.integer({ min: 0, max: 999 })).map((n) => n / 1000);
  const presence = (visible: boolean) => chance().map((x) => (visible ? x < 0.85 : x < 0.05));
  const tools = fc.oneof(
    { arbitrary: fc.subarray(['a', 'b', 'c'], { minLength: 1, maxLength: 2 }), weight: 8 },
    { arbitrary: fc.constantFrom(['d'], ['other'], ['a', 'other'], ['c', 'd']), weight: 2 },
    { arbitrary: fc.constantFrom(['none'], ['refused']), weight: 2 },
    { arbitrary: fc.constantFrom(['a', 'zzz'], ['zzz']), weight: 1 },
  );
  return fc
    .record({
      gate: usually(['yes', 'yes', 'no'], ['maybe']),
      gatePresent: presence(true),
      region: usually(['north', 'south', 'west', 'refused'], ['east']),
      tools: tools.map((list) => [...list]),
      otherText: chance().map((x) => x < 0.85),
      agree: fc.boolean(),
      score: fc.constantFrom(1, 3, 5), // out-of-scale ratings: refused by Candor only (unit test)
      clients: usually([0, 7, 50], [51, -1]),
      code: usually(['abc', 'xyz'], ['ABC', 'a1']),
      // Longer than maxLength is impossible from a SurveyJS client (the input stops it); the
      // server refuses it too (a unit test), where survey-core's validate() would not.
      story: fc.constantFrom('short', 'x'.repeat(40)),
      safe: usually([1, 2, 3], [4]),
      grid: fc.record({ r1: usually(['never', 'always'], ['often']), r2: fc.constantFrom('sometimes', 'never'), r3: fc.constant('always') }),
      gridRows: fc.subarray(['r1', 'r2', 'r3'], { minLength: 1 }),
      extra: chance().map((x) => x < 0.03),
      coins: fc.array(chance(), { minLength: 12, maxLength: 12 }),
    })
    .map((r) => {
      const answers: Record<string, unknown> = {};
      const keep = (index: number, visible: boolean) => (r.coins[index] as number) < (visible ? 0.85 : 0.05);
      if (r.gatePresent) answers['gate'] = r.gate;
      const open = answers['gate'] === 'yes';
      if (keep(0, open)) answers['region'] = r.region;
      if (keep(1, true)) {
        answers['tools'] = r.tools;
        if (r.tools.includes('other') && r.otherText) answers['tools-Comment'] = 'my own way';
      }
      if (keep(2, true)) answers['agree'] = r.agree;
      if (keep(3, answers['agree'] === true)) answers['score'] = r.score;
      if (keep(4, true)) answers['clients'] = r.clients;
      if (keep(5, true)) answers['code'] = r.code;
      const tools = Array.isArray(answers['tools']) ? (answers['tools'] as string[]) : [];
      const details = open && (tools.includes('a') || tools.includes('b'));
      if (keep(6, details)) answers['story'] = r.story;
      if (keep(7, details) || (details && (r.coins[8] as number) < 0.7)) answers['safe'] = r.safe;
      const gridVisible = open && answers['region'] !== undefined;
      if (keep(9, gridVisible)) {
        // Usually every row the respondent sees; sometimes a random set of rows.
        const rows = (r.coins[10] as number) < 0.8 ? (answers['region'] === 'north' ? ['r1', 'r2', 'r3'] : ['r1', 'r2']) : r.gridRows;
        answers['grid'] = Object.fromEntries(rows.map((row) => [row, r.grid[row as keyof typeof r.grid]]));
      }
      if (r.extra) answers['extra'] = 'unexpected';
      return answers;
    });
}

describe('the compiled validator agrees with survey-core', () => {
  it.each([
    ['the demo survey', DEMO_SURVEY_DEFINITION],
    ['a survey using every supported feature', RICH_DEFINITION],
  ])('on %s, for fixed cases', (_name, definition) => {
    const model = new Model(definition);
    const compiled = compileSurvey(definition);
    const cases: Record<string, unknown>[] = [
      {},
      { adult: 'yes' },
      { adult: 'no' },
      { adult: 'no', violent_incident: 'yes' },
      { adult: 'yes', violent_incident: 'no', incident_reported: 'police' },
      { adult: 'yes', violent_incident: 'yes', incident_reported: 'police' },
      { adult: 'yes', safety_tools: ['buddy', 'deposit'] },
      { adult: 'yes', safety_tools: ['teleport'] },
      { gate: 'yes' },
      { gate: 'no', region: 'north' },
      { gate: 'yes', tools: ['a'], safe: 2 },
      { gate: 'yes', tools: ['a'] },
      { gate: 'yes', tools: ['other'] },
      { gate: 'yes', tools: ['other'], 'tools-Comment': 'x' },
      { gate: 'yes', region: 'west', tools: ['d'] },
      { gate: 'yes', region: 'south', tools: ['d'] },
      { gate: 'yes', region: 'north', grid: { r1: 'never', r2: 'never' } },
      { gate: 'yes', region: 'north', grid: { r1: 'never', r2: 'never', r3: 'always' } },
      { gate: 'yes', region: 'south', grid: { r1: 'never', r2: 'never' } },
      { gate: 'yes', agree: true },
      { gate: 'yes', agree: true, score: 4 },
      { gate: 'yes', clients: 51 },
      { gate: 'yes', code: 'ABC' },
    ];
    for (const answers of cases) {
      expect({ answers, accepted: compiledAccepts(compiled, answers) }).toEqual({ answers, accepted: referenceAccepts(model, answers) });
    }
  });

  it('on 3,000 generated answer sets', () => {
    const model = new Model(RICH_DEFINITION);
    const compiled = compileSurvey(RICH_DEFINITION);
    let accepted = 0;
    fc.assert(
      fc.property(answersArbitrary(), (answers) => {
        const expected = referenceAccepts(model, answers);
        if (expected) accepted++;
        expect({ answers, accepted: compiledAccepts(compiled, answers) }).toEqual({ answers, accepted: expected });
      }),
      { numRuns: 3000, seed: 20261129 },
    );
    // The generator must exercise both outcomes, or the property proves little.
    expect(accepted).toBeGreaterThan(150);
    expect(accepted).toBeLessThan(2850);
  });
});

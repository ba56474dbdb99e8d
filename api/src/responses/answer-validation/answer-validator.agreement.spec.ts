import fc from 'fast-check';
import { Model } from 'survey-core';
import { compileSurvey, DEMO_SURVEY_DEFINITION, validateAnswers, type CompiledSurvey, type SurveyDefinition } from '@candor/shared';
import { createConditionEvaluator } from './survey-core-conditions';
import { referenceAccepts } from './survey-core-reference.spec-helper';

/**
 * The compiled validator must agree with survey-core itself. The reference
 * (`survey-core-reference.spec-helper.ts`) runs a real survey-core model, one per version
 * and reused, and does what a completing respondent's survey-core does: validates the
 * start page and every page, clears unused values, compares loosely.
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
        { type: 'rating', name: 'score', rateMin: 1, rateMax: 5, requiredIf: '{agree} = true' },
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
          visibleIf: '{region} notempty',
        },
      ],
    },
  ],
};

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
      grid: fc.record({
        r1: usually(['never', 'always'], ['often']),
        r2: fc.constantFrom('sometimes', 'never'),
        r3: fc.constant('always'),
      }),
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

  it('on 1,500 generated answer sets', () => {
    const model = new Model(RICH_DEFINITION);
    const compiled = compileSurvey(RICH_DEFINITION);
    let accepted = 0;
    fc.assert(
      fc.property(answersArbitrary(), (answers) => {
        const expected = referenceAccepts(model, answers);
        if (expected) accepted++;
        expect({ answers, accepted: compiledAccepts(compiled, answers) }).toEqual({ answers, accepted: expected });
      }),
      { numRuns: 1500, seed: 20261129 },
    );
    // The generator must exercise both outcomes, or the property proves little.
    expect(accepted).toBeGreaterThan(75);
    expect(accepted).toBeLessThan(1425);
  });
});

/** Columns of a matrix of dropdowns are objects, which `ElementJson` (matrix columns as choices) does not describe. */
const MATRIX_OF_DROPDOWNS = {
  elements: [
    {
      type: 'matrixdropdown',
      name: 'md',
      rows: ['r1', 'r2'],
      choices: [1, 2, 3],
      columns: [
        { name: 'often' },
        { name: 'tools', cellType: 'checkbox', choices: ['a', 'b'] },
        { name: 'note', cellType: 'text' },
        { name: 'n', cellType: 'text', inputType: 'number', isRequired: true },
      ],
    },
  ],
} as unknown as SurveyDefinition;

/** Disagreements found on real questionnaires (issue 14), one small definition each. */
const GAPS: readonly [string, SurveyDefinition, Record<string, unknown>][] = [
  ['free text over 2,000 characters without a maxLength', { elements: [{ type: 'comment', name: 'c' }] }, { c: 'x'.repeat(2500) }],
  ['free text within its own maxLength of 5,000', { elements: [{ type: 'comment', name: 'c', maxLength: 5000 }] }, { c: 'x'.repeat(4000) }],
  [
    'a required read-only question left empty',
    {
      elements: [
        { type: 'text', name: 'a', isRequired: true, readOnly: true },
        { type: 'text', name: 'b' },
      ],
    },
    { b: 'x' },
  ],
  [
    'a required question disabled by enableIf',
    {
      elements: [
        { type: 'boolean', name: 'on' },
        { type: 'text', name: 'a', isRequired: true, enableIf: '{on} = true' },
      ],
    },
    { on: false },
  ],
  [
    'a required question inside a read-only panel',
    {
      elements: [
        { type: 'panel', name: 'p', readOnly: true, elements: [{ type: 'text', name: 'a', isRequired: true }] },
        { type: 'text', name: 'b' },
      ],
    },
    { b: 'x' },
  ],
  ['legacy pages[].questions', { pages: [{ name: 'p', questions: [{ type: 'text', name: 'a' }] }] }, { a: 'x' }],
  ['legacy panel questions', { elements: [{ type: 'panel', name: 'p', questions: [{ type: 'text', name: 'a' }] }] }, { a: 'x' }],
  [
    'an expression question’s computed value',
    {
      elements: [
        { type: 'text', name: 'n', inputType: 'number' },
        { type: 'expression', name: 'double', expression: '{n} * 2' },
      ],
    },
    { n: 2, double: 4 },
  ],
  ['a numeric mask’s number', { elements: [{ type: 'text', name: 'm', maskType: 'numeric' }] }, { m: 1234 }],
  [
    'a custom choice the respondent added',
    { elements: [{ type: 'dropdown', name: 'd', choices: ['a'], allowCustomChoices: true }] },
    { d: 'mine' },
  ],
  [
    'a custom choice in a tag box',
    { elements: [{ type: 'tagbox', name: 't', choices: ['a'], allowCustomChoices: true }] },
    { t: ['a', 'mine'] },
  ],
  [
    'an auto-generated rating that also lists rateValues',
    { elements: [{ type: 'rating', name: 'r', autoGenerate: true, rateCount: 3, rateValues: [{ value: 'x' }, { value: 'y' }] }] },
    { r: 3 },
  ],
  ['a required text of spaces only', { elements: [{ type: 'text', name: 't', isRequired: true }] }, { t: '   ' }],
  ['a numeric validator on plain text', { elements: [{ type: 'text', name: 't', validators: [{ type: 'numeric' }] }] }, { t: 'abc' }],
  [
    'a numeric validator’s bounds on plain text',
    { elements: [{ type: 'text', name: 't', validators: [{ type: 'numeric', maxValue: 10 }] }] },
    { t: '12' },
  ],
  [
    'a numeric validator met by digits in plain text',
    { elements: [{ type: 'text', name: 't', validators: [{ type: 'numeric', maxValue: 10 }] }] },
    { t: '7' },
  ],
  ['malformed text in an email input', { elements: [{ type: 'text', name: 'e', inputType: 'email' }] }, { e: 'not-an-email' }],
  [
    'a required panel left empty',
    {
      elements: [
        {
          type: 'panel',
          name: 'p',
          isRequired: true,
          elements: [
            { type: 'text', name: 'a' },
            { type: 'text', name: 'c' },
          ],
        },
        { type: 'text', name: 'b' },
      ],
    },
    { b: 'x' },
  ],
  [
    'a required panel with one answer',
    {
      elements: [
        {
          type: 'panel',
          name: 'p',
          isRequired: true,
          elements: [
            { type: 'text', name: 'a' },
            { type: 'text', name: 'c' },
          ],
        },
        { type: 'text', name: 'b' },
      ],
    },
    { a: 'x' },
  ],
  [
    'a panel required by requiredIf',
    {
      elements: [
        { type: 'boolean', name: 'on' },
        { type: 'panel', name: 'p', requiredIf: '{on} = true', elements: [{ type: 'text', name: 'a' }] },
      ],
    },
    { on: true },
  ],
  [
    'a number under minValueExpression',
    {
      elements: [
        { type: 'text', name: 'low', inputType: 'number' },
        { type: 'text', name: 'n', inputType: 'number', minValueExpression: '{low}' },
      ],
    },
    { low: 5, n: 3 },
  ],
  [
    'a number over maxValueExpression',
    { elements: [{ type: 'text', name: 'n', inputType: 'number', maxValueExpression: '2 + 3' }] },
    { n: 6 },
  ],
  [
    'a number within its value expressions',
    {
      elements: [
        { type: 'text', name: 'low', inputType: 'number' },
        { type: 'text', name: 'n', inputType: 'number', minValueExpression: '{low}', maxValueExpression: '{low} + 10' },
      ],
    },
    { low: 5, n: 9 },
  ],
  [
    'a matrix cell in a hidden column',
    {
      elements: [
        { type: 'text', name: 'x' },
        { type: 'matrix', name: 'm', rows: ['r'], columns: ['a', { value: 'b', visibleIf: "{x} = 'show'" }] },
      ],
    },
    { m: { r: 'b' } },
  ],
  [
    'a matrix cell in a shown column',
    {
      elements: [
        { type: 'text', name: 'x' },
        { type: 'matrix', name: 'm', rows: ['r'], columns: ['a', { value: 'b', visibleIf: "{x} = 'show'" }] },
      ],
    },
    { x: 'show', m: { r: 'b' } },
  ],
  [
    'a matrix row hidden by rowsVisibleIf',
    { elements: [{ type: 'matrix', name: 'm', rows: ['r1', 'r2'], columns: ['a'], rowsVisibleIf: "{item} != 'r2'" }] },
    { m: { r2: 'a' } },
  ],
  ['a date', { elements: [{ type: 'text', name: 'd', inputType: 'date' }] }, { d: '2024-05-17' }],
  ['a date before its min', { elements: [{ type: 'text', name: 'd', inputType: 'date', min: '2024-01-01' }] }, { d: '2023-12-31' }],
  ['a date after its max', { elements: [{ type: 'text', name: 'd', inputType: 'date', max: '2024-01-01' }] }, { d: '2024-01-02' }],
  ['a month', { elements: [{ type: 'text', name: 'm', inputType: 'month' }] }, { m: '2024-05' }],
  ['a time', { elements: [{ type: 'text', name: 't', inputType: 'time' }] }, { t: '21:30' }],
  [
    'names with spaces and hyphens in skip logic',
    {
      elements: [
        { type: 'radiogroup', name: 'Care Provider', choices: ['a', 'b'] },
        { type: 'text', name: 'why-b', visibleIf: "{Care Provider} = 'b'" },
      ],
    },
    { 'Care Provider': 'a', 'why-b': 'x' },
  ],
  [
    'an email validator on a malformed address',
    { elements: [{ type: 'text', name: 'e', validators: [{ type: 'email' }] }] },
    { e: 'nobody@' },
  ],
  [
    'a multiple-text answer',
    { elements: [{ type: 'multipletext', name: 'mt', items: [{ name: 'a' }, { name: 'n', inputType: 'number' }] }] },
    { mt: { a: 'x', n: 3 } },
  ],
  [
    'a required multiple-text box left empty',
    { elements: [{ type: 'multipletext', name: 'mt', items: [{ name: 'a', isRequired: true }, { name: 'b' }] }] },
    { mt: { b: 'x' } },
  ],
  [
    'a required multiple-text question left empty',
    {
      elements: [
        { type: 'multipletext', name: 'mt', isRequired: true, items: [{ name: 'a' }] },
        { type: 'text', name: 'z' },
      ],
    },
    { z: 'x' },
  ],
  [
    'a multiple-text box breaking its email validator',
    { elements: [{ type: 'multipletext', name: 'mt', items: [{ name: 'e', validators: [{ type: 'email' }] }] }] },
    { mt: { e: 'nope' } },
  ],
  [
    'a value from defaultValueExpression',
    { elements: [{ type: 'text', name: 't', inputType: 'number', defaultValueExpression: '1 + 1' }] },
    { t: 2 },
  ],
  [
    'a choice hidden by choicesVisibleIf',
    {
      elements: [
        { type: 'checkbox', name: 'a', choices: ['x', 'y'] },
        { type: 'radiogroup', name: 'fav', choices: ['x', 'y'], choicesVisibleIf: '{a} contains {item}' },
      ],
    },
    { a: ['x'], fav: 'y' },
  ],
  [
    'a choice shown by choicesVisibleIf',
    {
      elements: [
        { type: 'checkbox', name: 'a', choices: ['x', 'y'] },
        { type: 'radiogroup', name: 'fav', choices: ['x', 'y'], choicesVisibleIf: '{a} contains {item}' },
      ],
    },
    { a: ['x'], fav: 'x' },
  ],
  [
    'a choice copied from another question but not chosen there',
    {
      elements: [
        { type: 'checkbox', name: 'a', choices: ['x', 'y', 'z'] },
        { type: 'radiogroup', name: 'best', choicesFromQuestion: 'a', choicesFromQuestionMode: 'selected' },
      ],
    },
    { a: ['x', 'y'], best: 'z' },
  ],
  [
    'a choice copied from another question and chosen there',
    {
      elements: [
        { type: 'checkbox', name: 'a', choices: ['x', 'y', 'z'] },
        { type: 'radiogroup', name: 'best', choicesFromQuestion: 'a', choicesFromQuestionMode: 'selected' },
      ],
    },
    { a: ['x', 'y'], best: 'y' },
  ],
  [
    'any of another question’s choices',
    {
      elements: [
        { type: 'checkbox', name: 'a', choices: ['x', 'y', 'z'] },
        { type: 'dropdown', name: 'best', choicesFromQuestion: 'a', showRefuseItem: true },
      ],
    },
    { best: 'z' },
  ],
  [
    'a special item beside copied choices',
    {
      elements: [
        { type: 'checkbox', name: 'a', choices: ['x', 'y', 'z'] },
        { type: 'dropdown', name: 'best', choicesFromQuestion: 'a', showRefuseItem: true },
      ],
    },
    { best: 'refused' },
  ],
  [
    'a value not among the copied choices',
    {
      elements: [
        { type: 'checkbox', name: 'a', choices: ['x', 'y', 'z'] },
        { type: 'dropdown', name: 'best', choicesFromQuestion: 'a', showRefuseItem: true },
      ],
    },
    { best: 'w' },
  ],
  ['a matrix of dropdowns answered', MATRIX_OF_DROPDOWNS, { md: { r1: { often: 2, tools: ['a'], n: 1 }, r2: { n: 4, note: 'x' } } }],
  ['a matrix-of-dropdowns cell not offered', MATRIX_OF_DROPDOWNS, { md: { r1: { often: 9, n: 1 }, r2: { n: 4 } } }],
  [
    'a required matrix-of-dropdowns column left empty in one row',
    MATRIX_OF_DROPDOWNS,
    { md: { r1: { often: 2, n: 1 }, r2: { often: 1 } } },
  ],
  ['a required matrix-of-dropdowns column in a matrix left out', MATRIX_OF_DROPDOWNS, {}],
  ['a matrix-of-dropdowns row that does not exist', MATRIX_OF_DROPDOWNS, { md: { r1: { n: 1 }, r2: { n: 1 }, r9: { n: 1 } } }],
  [
    'a start page’s required question left empty',
    {
      firstPageIsStarted: true,
      pages: [{ elements: [{ type: 'text', name: 'a', isRequired: true }] }, { elements: [{ type: 'text', name: 'b' }] }],
    },
    { b: 'x' },
  ],
];

describe('the compiled validator agrees with a completing respondent’s survey-core on', () => {
  it.each(GAPS)('%s', (_name, definition, answers) => {
    const model = new Model(definition);
    const compiled = compileSurvey(definition);
    expect({ answers, accepted: compiledAccepts(compiled, answers) }).toEqual({ answers, accepted: referenceAccepts(model, answers) });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Model } from 'survey-core';
import {
  compileSurvey,
  InvalidDefinitionError,
  validateAnswers,
  type CompiledSurvey,
  type DefinitionProblem,
  type SurveyDefinition,
} from '@candor/shared';
import { createConditionEvaluator } from './survey-core-conditions';
import { referenceAccepts, seededRandom, simulateRespondent } from './survey-core-reference.spec-helper';

/**
 * Real SurveyJS definitions from public sources (test/fixtures/surveyjs, each with its
 * source and licence in sources.json). Each is either refused with a named reason, or
 * differentially fuzzed against survey-core: answer sets produced by a simulated respondent
 * completing the survey page by page in a survey-core model (what a real client sends),
 * plus deliberate wrong edits of those sets.
 *
 * On client-produced sets there must be no disagreement at all. On wrong edits, every
 * remaining disagreement must belong to a class listed below with its reason (and in the
 * README); a new class fails the test.
 */
const CORPUS = join(__dirname, '../../../../test/fixtures/surveyjs');
const RESPONDENTS_PER_DEFINITION = 12;

interface Source {
  readonly file: string;
  readonly repository: string;
  readonly path: string;
  readonly commit: string;
  readonly licence: string;
}

/** Why each refused definition is refused: the feature a problem's path must name. */
const EXPECTED_REFUSALS: Readonly<Record<string, string>> = {
  'survey-library-custom-question.json': 'questions[0].type',
  'survey-library-questiontype-dropdownrestfull.json': 'questions[0].choicesByUrl',
  'survey-library-questiontype-file.json': 'questions[0].type',
  'survey-library-questiontype-matrixdynamic.json': 'questions[0].type',
  'survey-library-real-productfeedback.json': 'triggers',
  'survey-library-survey-about.json': 'triggers',
  'survey-library-survey-cookie.json': 'cookieName',
  'survey-library-survey-startwithnewline.json': 'pages[0].elements[5].choicesByUrl',
  'survey-library-trigger-complete.json': 'triggers',
  'survey-library-trigger-setvalue.json': 'triggers',
  'survey-library-trigger-visible.json': 'triggers',
};

/**
 * Disagreements on deliberate wrong edits that are accepted, each with its reason.
 * `stricter:` Candor refuses what survey-core would keep; `laxer:` the reverse.
 */
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
  'stricter:too-long:text':
    'survey-core never checks length (the input stops typing at maxLength); Candor refuses text over maxLength, or over its default cap of 10,000 characters where the definition sets none',
  'stricter:too-long:comment': 'as above, for comment boxes',
  'stricter:not-offered:rating':
    'survey-core keeps any value in a rating; Candor accepts only the scale’s values (a client can only pick those)',
  'stricter:wrong-type:text': 'survey-core stores a number typed into a text box as sent; Candor wants text (the client sends text)',
  'stricter:wrong-type:comment': 'as above, for comment boxes',
};

type EditKind = 'hidden-answer' | 'not-offered' | 'drop-required' | 'too-long' | 'unknown-key' | 'wrong-type';

interface Edit {
  readonly kind: EditKind;
  readonly questionType: string;
  readonly answers: Record<string, unknown>;
}

function loadCorpus(): { source: Source; definition: SurveyDefinition }[] {
  const sources = JSON.parse(readFileSync(join(CORPUS, 'sources.json'), 'utf8')) as Source[];
  return sources.map((source) => ({ source, definition: JSON.parse(readFileSync(join(CORPUS, source.file), 'utf8')) as SurveyDefinition }));
}

function compileOrProblems(definition: SurveyDefinition): CompiledSurvey | DefinitionProblem[] {
  try {
    return compileSurvey(definition);
  } catch (error) {
    if (error instanceof InvalidDefinitionError) return [...error.problems];
    throw error;
  }
}

/** Wrong edits of a client-produced answer set, each a mistake survey-core would catch or a hostile client would try. */
function wrongEdits(model: Model, compiled: CompiledSurvey, sent: Record<string, unknown>, random: () => number): Edit[] {
  const edits: Edit[] = [];
  model.clear(true, true);
  model.data = JSON.parse(JSON.stringify(sent));
  const questions = model.getAllQuestions(false, false, true);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const typeOf = (name: string) => model.getQuestionByName(name)?.getType() ?? 'unknown';

  const hidden = pick(
    questions.filter(
      (q) =>
        !(q.isVisible && q.isParentVisible && (q.page?.isVisible ?? true)) && sent[q.name] === undefined && compiled.questions.has(q.name),
    ),
  );
  if (hidden) {
    const spec = compiled.questions.get(hidden.name);
    const value =
      spec?.kind === 'multi'
        ? [spec.choices[0]?.value]
        : spec?.kind === 'number'
          ? 1
          : spec?.kind === 'boolean'
            ? true
            : (spec?.choices[0]?.value ?? 'x');
    if (spec?.kind !== 'matrix')
      edits.push({ kind: 'hidden-answer', questionType: hidden.getType(), answers: { ...sent, [hidden.name]: value } });
  }
  const choiceKeys = Object.keys(sent).filter(
    (key) => ['single', 'multi'].includes(compiled.questions.get(key)?.kind ?? '') && !compiled.questions.get(key)?.customChoices,
  );
  const choiceKey = pick(choiceKeys);
  if (choiceKey) {
    const multi = compiled.questions.get(choiceKey)?.kind === 'multi';
    edits.push({
      kind: 'not-offered',
      questionType: typeOf(choiceKey),
      answers: { ...sent, [choiceKey]: multi ? ['zzz-not-offered'] : 'zzz-not-offered' },
    });
  }
  const requiredKey = pick(Object.keys(sent).filter((key) => model.getQuestionByName(key)?.isRequired));
  if (requiredKey) {
    const { [requiredKey]: _dropped, ...rest } = sent;
    edits.push({ kind: 'drop-required', questionType: typeOf(requiredKey), answers: rest });
  }
  const textKey = pick(Object.keys(sent).filter((key) => compiled.questions.get(key)?.kind === 'text'));
  if (textKey) {
    const limit = compiled.questions.get(textKey)?.text?.maxLength ?? 10000;
    edits.push({ kind: 'too-long', questionType: typeOf(textKey), answers: { ...sent, [textKey]: 'x'.repeat(limit + 1) } });
    edits.push({ kind: 'wrong-type', questionType: typeOf(textKey), answers: { ...sent, [textKey]: 42 } });
  }
  edits.push({ kind: 'unknown-key', questionType: 'none', answers: { ...sent, no_such_question: 'x' } });
  return edits;
}

describe('a corpus of real SurveyJS definitions', () => {
  const corpus = loadCorpus();
  const evaluate = createConditionEvaluator();

  it('holds at least 30 definitions, each with its source and a permissive licence', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    const files = readdirSync(CORPUS).filter((file) => file.endsWith('.json') && file !== 'sources.json');
    expect(files.sort()).toEqual(corpus.map((c) => c.source.file).sort());
    for (const { source } of corpus) {
      expect(source.repository).toMatch(/^https:\/\/github\.com\//);
      expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(['MIT', 'Apache-2.0', 'BSD-3-Clause', 'CC0-1.0']).toContain(source.licence);
    }
  });

  it.each(corpus.map((c) => [c.source.file, c.definition] as const))(
    '%s is refused with a named reason, or agrees with survey-core',
    (file, definition) => {
      const compiled = compileOrProblems(definition);
      if (Array.isArray(compiled)) {
        expect({ file, refused: compiled.some((p) => p.path === EXPECTED_REFUSALS[file]) }).toEqual({ file, refused: true });
        for (const problem of compiled) expect(problem.message.length).toBeGreaterThan(10);
        return;
      }
      expect(EXPECTED_REFUSALS[file]).toBeUndefined();

      const model = new Model(definition);
      const random = seededRandom(file.length * 7919 + 17);
      const tooStrict = new Set<string>();
      const unexplained = new Set<string>();
      let completed = 0;
      for (let i = 0; i < RESPONDENTS_PER_DEFINITION; i++) {
        const sent = simulateRespondent(model, random);
        if (!sent) continue;
        completed++;
        // What a real client sends must be stored.
        const problems = validateAnswers(compiled, sent, evaluate);
        for (const p of problems)
          tooStrict.add(`${p.path}: ${p.code} ${p.message} (${JSON.stringify(sent[String(p.path)])?.slice(0, 60)})`);
        if (!referenceAccepts(model, sent))
          tooStrict.add(`survey-core itself refuses what its client sent: ${JSON.stringify(sent).slice(0, 200)}`);

        for (const edit of wrongEdits(model, compiled, sent, random)) {
          const candor = validateAnswers(compiled, edit.answers, evaluate).length === 0;
          const reference = referenceAccepts(model, edit.answers);
          if (candor === reference) continue;
          const key = `${candor ? 'laxer' : 'stricter'}:${edit.kind}:${edit.questionType}`;
          if (!(key in KNOWN_DISAGREEMENTS)) unexplained.add(key);
        }
      }
      expect([...tooStrict]).toEqual([]);
      expect([...unexplained]).toEqual([]);
      // The simulated respondent must get through a survey it can answer.
      expect(completed).toBeGreaterThan(0);
    },
  );
});

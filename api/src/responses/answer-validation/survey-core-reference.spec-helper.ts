import { Helpers, Model, type PanelModel, type Question } from 'survey-core';

/**
 * The reference the compiled validator is held to: what survey-core 3.0.0 does when a
 * respondent completes a survey. A real client validates the start page when it starts,
 * every page it leaves, runs `clearUnusedValues()` on completion (hidden answers, "Other"
 * text without "Other", values no longer offered) and sends `model.data`, which includes
 * the values of expression questions. Choices and values are compared the way survey-core
 * compares them: trimmed, case- and type-insensitive.
 *
 * An answer set is accepted when a completing respondent's survey-core, holding exactly
 * these answers, would pass validation and send them unchanged.
 */
export function referenceAccepts(model: Model, answers: Record<string, unknown>): boolean {
  model.clear(true, true);
  const expressionNames = new Set(
    model
      .getAllQuestions(false, false, true)
      .filter((q) => q.getType() === 'expression')
      .map((q) => q.getValueName()),
  );
  for (const key of Object.keys(answers)) {
    const name = key.endsWith('-Comment') ? key.slice(0, -'-Comment'.length) : key;
    if (!model.getQuestionByValueName(name) && !model.getQuestionByName(name)) return false;
  }
  // JSON round trip, not structuredClone: under jest that builds objects in another realm,
  // which survey-core's `instanceof Array` checks do not recognise.
  model.data = JSON.parse(JSON.stringify(answers));
  const startValid = model.firstPageIsStarted && model.pages[0] ? (model.pages[0] as unknown as PanelModel).validate(false, false) : true;
  const valid = model.validate(false, false);
  model.clearIncorrectValues(true);
  (model as unknown as { clearUnusedValues(): void }).clearUnusedValues();
  const sent = withoutKeys(model.data as Record<string, unknown>, expressionNames);
  const given = withoutKeys(answers, expressionNames);
  const sameKeys = Object.keys(sent).length === Object.keys(given).length && Object.keys(given).every((key) => key in sent);
  const sameValues = sameKeys && Object.keys(given).every((key) => Helpers.isTwoValueEquals(sent[key], given[key], false, false, true));
  return startValid && valid && sameValues;
}

function withoutKeys(values: Record<string, unknown>, keys: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key, value]) => !keys.has(key) && value !== undefined));
}

/** A small seeded generator, so every run fuzzes the same answer sets. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXCLUSIVE_VALUES = new Set(['none', 'refused', 'dontknow']);
const WORDS = ['safe', 'rent', 'clients', 'screening', 'night', 'app', 'bank', 'friend', 'help', 'money', 'Mostly', 'ok'];

/**
 * A simulated respondent: answers the visible questions of each page in a survey-core
 * model through the same setters the rendered survey uses, skips some optional ones,
 * moves on page by page (fixing what validation complains about) and completes. Returns
 * what the client would send (`model.data` on completion), or undefined when the
 * generator cannot satisfy the survey's own validators (a regular expression, say).
 */
export function simulateRespondent(model: Model, random: () => number): Record<string, unknown> | undefined {
  model.clear(true, true);
  let sent: Record<string, unknown> | undefined;
  const capture = (sender: Model) => {
    sent = JSON.parse(JSON.stringify(sender.data));
  };
  model.onComplete.add(capture);
  try {
    if (model.firstPageIsStarted && model.pages[0]) {
      if (!answerPage(model.pages[0], random) || !model.start()) return undefined;
    }
    for (let step = 0; step < 60 && model.state === 'running'; step++) {
      const page = model.currentPage as PanelModel | undefined;
      if (!page) return undefined;
      if (!answerPage(page, random)) return undefined;
      if (model.isLastPage) {
        if (!model.tryComplete()) return undefined;
      } else if (!model.nextPage()) {
        return undefined;
      }
    }
    return sent;
  } finally {
    model.onComplete.remove(capture);
  }
}

function answerPage(page: PanelModel, random: () => number): boolean {
  for (let pass = 0; pass < 4; pass++) {
    const questions = page.questions.filter((q) => q.isVisible && q.isParentVisible && !q.isReadOnly);
    for (const question of questions) {
      const mustAnswer = pass > 0 && question.errors.length > 0;
      if (pass > 0 && !mustAnswer) continue;
      if (pass === 0 && !question.isRequired && random() < 0.2) continue;
      answerQuestion(question, random, pass);
    }
    if (page.validate(false, false)) return true;
  }
  return false;
}

function pick<T>(items: readonly T[], random: () => number): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(random() * items.length)];
}

function answerQuestion(question: Question, random: () => number, attempt: number): void {
  const q = question as Question & Record<string, unknown>;
  switch (question.getType()) {
    case 'radiogroup':
    case 'dropdown': {
      const choice = pick(visibleChoiceValues(q), random);
      if (choice === undefined) return;
      question.value = choice;
      if (choice === 'other') q['otherValue'] = 'my own words';
      return;
    }
    case 'checkbox':
    case 'tagbox': {
      const values = visibleChoiceValues(q);
      const max = (q['maxSelectedChoices'] as number) || values.length;
      const min = (q['minSelectedChoices'] as number) || 1;
      const first = pick(values, random);
      if (first === undefined) return;
      if (EXCLUSIVE_VALUES.has(String(first))) {
        question.value = [first];
        return;
      }
      const chosen = values.filter((v) => !EXCLUSIVE_VALUES.has(String(v)) && (v === first || random() < 0.4));
      question.value = chosen.slice(0, Math.max(min, Math.min(max, chosen.length)));
      if (chosen.includes('other')) q['otherValue'] = 'my own words';
      return;
    }
    case 'rating': {
      const items = (q['visibleRateValues'] as { value: unknown }[] | undefined) ?? [];
      const item = pick(items, random);
      if (item) question.value = item.value;
      return;
    }
    case 'boolean':
      q['booleanValue'] = random() < 0.5;
      return;
    case 'matrix': {
      const rows = (q['visibleRows'] as { name: unknown }[]) ?? [];
      const columns = ((q['visibleColumns'] as { value: unknown }[]) ?? []).map((c) => c.value);
      const value: Record<string, unknown> = {};
      for (const row of rows) {
        if (!question.isRequired && !q['eachRowRequired'] && !q['isAllRowRequired'] && random() < 0.15) continue;
        const column = pick(columns, random);
        if (column !== undefined) value[String(row.name)] = column;
      }
      question.value = Object.keys(value).length > 0 ? value : undefined;
      return;
    }
    case 'text':
      question.value = textValue(q, random, attempt);
      return;
    case 'comment':
      question.value = freeText(q, random);
      return;
    case 'matrixdropdown': {
      const rows = (q['visibleRows'] as { rowName: unknown }[]) ?? [];
      const columns = (q['columns'] as Record<string, unknown>[]) ?? [];
      const matrixChoices = ((q['choices'] as { value: unknown }[]) ?? []).map((c) => c.value);
      const value: Record<string, Record<string, unknown>> = {};
      for (const row of rows) {
        const cells: Record<string, unknown> = {};
        for (const column of columns) {
          if (!column['isRequired'] && random() < 0.3) continue;
          const cell = cellValue(column, matrixChoices, q, random, attempt);
          if (cell !== undefined) cells[String(column['name'])] = cell;
        }
        if (Object.keys(cells).length > 0) value[String(row.rowName)] = cells;
      }
      question.value = Object.keys(value).length > 0 ? value : undefined;
      return;
    }
    case 'multipletext': {
      const value: Record<string, unknown> = {};
      for (const item of (q['items'] as Record<string, unknown>[]) ?? []) {
        if (!item['isRequired'] && random() < 0.25) continue;
        value[String(item['name'])] = textValue(item, random, attempt);
      }
      question.value = Object.keys(value).length > 0 ? value : undefined;
      return;
    }
    default:
      return;
  }
}

function cellValue(
  column: Record<string, unknown>,
  matrixChoices: unknown[],
  q: Record<string, unknown>,
  random: () => number,
  attempt: number,
): unknown {
  const own = ((column['choices'] as { value: unknown }[]) ?? []).map((c) => c.value);
  const choices = own.length > 0 ? own : matrixChoices;
  const cellType = String(column['cellType'] === 'default' || !column['cellType'] ? (q['cellType'] ?? 'dropdown') : column['cellType']);
  switch (cellType) {
    case 'dropdown':
    case 'radiogroup':
      return pick(choices, random);
    case 'checkbox':
    case 'tagbox': {
      const chosen = choices.filter(() => random() < 0.5);
      return chosen.length > 0 ? chosen : choices.slice(0, 1);
    }
    case 'boolean':
      return random() < 0.5;
    case 'rating':
      return 1 + Math.floor(random() * 5);
    case 'text':
      return textValue(column, random, attempt);
    case 'comment':
      return freeText(column, random);
    default:
      return undefined;
  }
}

function visibleChoiceValues(q: Record<string, unknown>): unknown[] {
  return ((q['visibleChoices'] as { value: unknown }[]) ?? []).map((c) => c.value);
}

function textValue(q: Record<string, unknown>, random: () => number, attempt: number): unknown {
  const inputType = String(q['inputType'] ?? 'text');
  if (inputType === 'number' || inputType === 'range' || q['maskType'] === 'numeric') {
    const min = typeof q['min'] === 'number' ? q['min'] : 0;
    const max = typeof q['max'] === 'number' ? q['max'] : min + 100;
    return Math.round(min + random() * (max - min));
  }
  const validators = (q['validators'] as ({ getType(): string } & Record<string, unknown>)[] | undefined) ?? [];
  const validatorTypes = validators.map((v) => v.getType());
  const numeric = validators.find((v) => v.getType() === 'numericvalidator');
  if (numeric) {
    const low = typeof numeric['minValue'] === 'number' ? numeric['minValue'] : 0;
    const high = typeof numeric['maxValue'] === 'number' ? numeric['maxValue'] : low + 10;
    return String(Math.round(low + random() * (high - low)));
  }
  if (inputType === 'email' || validatorTypes.includes('emailvalidator'))
    return attempt === 0 && random() < 0.5 ? 'someone@example.org' : 'a.person@example.net';
  if (inputType === 'date') return `2024-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
  if (inputType === 'tel') return '555 0100';
  if (inputType === 'url') return 'https://example.org/';
  if (inputType === 'color') return '#336699';
  return freeText(q, random);
}

/** Mostly short text; now and then a long one (up to the question's own limit, if any). */
function freeText(q: Record<string, unknown>, random: () => number): string {
  const limit = typeof q['maxLength'] === 'number' && q['maxLength'] > 0 ? q['maxLength'] : 0;
  const surveyLimit = (q['survey'] as { maxTextLength?: number } | undefined)?.maxTextLength ?? 0;
  const max = limit || surveyLimit || 0;
  const long = random() < 0.05;
  const validators = (q['validators'] as ({ getType(): string } & Record<string, unknown>)[] | undefined) ?? [];
  const minLength = Math.max(0, ...validators.filter((v) => v.getType() === 'textvalidator').map((v) => Number(v['minLength']) || 0));
  let text = Array.from({ length: long ? 600 : 1 + Math.floor(random() * 6) }, () => pick(WORDS, random)).join(' ');
  while (text.length < minLength) text += ` ${pick(WORDS, random)}`;
  if (max > 0) text = text.slice(0, max).trim() || 'a';
  return text;
}

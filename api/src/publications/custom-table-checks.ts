import {
  CUSTOM_AUDIT_CELL_LIMIT,
  CUSTOM_AUDIT_DAY_CELL_LIMIT,
  customTableSource,
  jointSize,
  type CustomTableQuestion,
  type CustomTableSource,
  type Dimension,
  type ErrorDetail,
  type LedgerEntry,
} from '@candor/shared';
import { DomainError } from '../common/domain-error';
import type { CustomTableDto } from './dto/custom-table.dto';

/** A single-choice (or banded) question of the fielding version: the only kind a custom table counts. */
export interface EligibleQuestion extends CustomTableQuestion {
  readonly dimension: Dimension;
}

export const questionGone = (): DomainError =>
  new DomainError('CONFLICT', 'An earlier custom table used a question this version no longer counts.');

/**
 * The joint the table is counted from: measured afresh, or summed from a joint already shown;
 * refused when it would nest a joint already shown (its cells could then be subtracted).
 */
export function tableSource(
  requested: readonly string[],
  joints: readonly string[][],
  eligible: ReadonlyMap<string, EligibleQuestion>,
): Exclude<CustomTableSource, { kind: 'refuse' }> {
  const source = customTableSource(requested, joints);
  if (source.kind === 'refuse') {
    throw new DomainError(
      'CONFLICT',
      `A table by ${source.smaller.join(' × ')} was already shown for this survey; a table that adds questions to it would let its cells be subtracted. Build the larger table first: smaller ones are then summed from it.`,
      [{ path: 'questions', code: 'NESTS_EARLIER_TABLE', message: source.smaller.join(',') }],
    );
  }
  if (!source.joint.every((question) => eligible.has(question))) throw questionGone();
  return source;
}

/** Refuses an audited joint too large to check quickly: its answer combinations, and one copy of them per release day. */
export function checkAuditSize(
  union: readonly string[],
  unionCategories: readonly Dimension['categories'][],
  releases: readonly LedgerEntry[],
  earlier: boolean,
  earlierViews: readonly { readonly responses: number }[] = [],
): void {
  if (jointSize(unionCategories) > CUSTOM_AUDIT_CELL_LIMIT) {
    throw new DomainError(
      'CONFLICT',
      `The custom tables of this survey would combine more than ${CUSTOM_AUDIT_CELL_LIMIT} answer combinations, more than the audit checks quickly${earlier ? " (with a release of an earlier day, the audit also counts the questions of the release's cross-tabs, before/after pairs and skip logic that touch these)" : ''}. Use questions already used in earlier tables, or questions with fewer answers.`,
      [{ path: 'questions', code: 'AUDIT_TOO_LARGE', message: union.join(',') }],
    );
  }
  const days = new Set([...releases.flatMap((entry) => entry.values.get('N')?.value ?? []), ...earlierViews.map((view) => view.responses)])
    .size;
  if (jointSize(unionCategories) * (days + 1) > CUSTOM_AUDIT_DAY_CELL_LIMIT) {
    throw new DomainError(
      'CONFLICT',
      `The releases and custom tables of this survey were shown on ${days} different days; the audit models each day as its own copy of the ${jointSize(unionCategories)} answer combinations of these tables, more than the ${CUSTOM_AUDIT_DAY_CELL_LIMIT} it checks quickly. Use questions with fewer answers.`,
      [{ path: 'questions', code: 'AUDIT_TOO_LARGE', message: union.join(',') }],
    );
  }
}

/** The request's questions and filter, checked against the eligible questions; a clear 400 otherwise. */
export function checkRequest(
  request: CustomTableDto,
  eligible: ReadonlyMap<string, EligibleQuestion>,
  all: ReadonlyMap<string, unknown>,
): { questions: string[]; filter: { question: string; values: string[] } | null } {
  const problems: ErrorDetail[] = [];
  const why = (question: string) =>
    all.has(question)
      ? 'is not a single-choice or banded question (free text, numbers, multiple choice and paired before/after questions cannot be tabulated here)'
      : 'is not a question of this survey';
  request.questions.forEach((question, i) => {
    if (!eligible.has(question))
      problems.push({
        path: `questions[${i}]`,
        code: all.has(question) ? 'NOT_SINGLE_CHOICE' : 'UNKNOWN_QUESTION',
        message: `${question} ${why(question)}`,
      });
    else if (request.questions.indexOf(question) !== i)
      problems.push({ path: `questions[${i}]`, code: 'DUPLICATE', message: `${question} is already in the table` });
  });
  let filter: { question: string; values: string[] } | null = null;
  if (request.filter) {
    const { question, values } = request.filter;
    const target = eligible.get(question);
    if (!target)
      problems.push({
        path: 'filter.question',
        code: all.has(question) ? 'NOT_SINGLE_CHOICE' : 'UNKNOWN_QUESTION',
        message: `${question} ${why(question)}`,
      });
    else if (request.questions.includes(question))
      problems.push({
        path: 'filter.question',
        code: 'DUPLICATE',
        message: `${question} is already in the table; filter by another question`,
      });
    else {
      const offered = new Set(target.categories.map((c) => c.value));
      values.forEach((value, i) => {
        if (!offered.has(value))
          problems.push({ path: `filter.values[${i}]`, code: 'UNKNOWN_ANSWER', message: `${value} is not an answer of ${question}` });
      });
      const kept = [...new Set(values)];
      // A filter that keeps every answer keeps everybody: it is no filter at all.
      filter = kept.length === offered.size ? null : { question, values: kept };
    }
  }
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', 'This table cannot be built.', problems);
  return { questions: [...request.questions], filter };
}

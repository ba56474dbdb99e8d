import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CUSTOM_AUDIT_CELL_LIMIT,
  CUSTOM_AUDIT_DAY_CELL_LIMIT,
  CUSTOM_CELL_SEPARATOR,
  NOT_ANSWERED,
  REFUSED,
  addKeySums,
  buildCatalogue,
  compileSurvey,
  customAuditQuestions,
  customTableNoise,
  customTableSource,
  heldCustomCells,
  jointSize,
  protectCustomTable,
  refuseText,
  releasedEarlier,
  releasedSumsFor,
  type Catalogue,
  type CustomTableHold,
  type CustomTableQuestion,
  type CustomTableResult,
  type Dimension,
  type ErrorDetail,
  type KeyedCount,
  type LocalizableString,
  type SnapshotCategory,
} from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import type { StaffPrincipal } from '../common/staff-principal';
import { Transactions } from '../database/transactions';
import { SurveyVersionEntity } from '../surveys/survey-version.entity';
import { SurveyEntity } from '../surveys/survey.entity';
import { CustomTablesRepository } from './custom-tables.repository';
import type { CustomTableDto } from './dto/custom-table.dto';
import { ReleaseLockRepository } from './release-lock.repository';
import { ReleasePool } from './release-pool';

const SPECIAL_LABELS: Readonly<Record<string, LocalizableString>> = {
  [NOT_ANSWERED]: { default: 'Not answered', es: 'Sin respuesta' },
  [REFUSED]: refuseText(),
};

const HOLD_MESSAGES: Readonly<Record<CustomTableHold, (k: number, minimum: number) => string>> = {
  BELOW_RELEASE_FLOOR: (_, minimum) =>
    `Custom tables open at ${minimum} responses, like publishing; this survey has fewer. (The exact count is not shown.)`,
  HELD_BY_TIME_RULE: (k) =>
    `Held by the time rule: some numbers of this table moved by less than ${k} plus the noise since a custom table already shown to staff, so comparing the two would describe the few people who answered in between. Wait for more responses, or ask again once fielding has closed.`,
  BASE_TOO_SMALL: (_, minimum) =>
    `The filter keeps fewer than ${minimum} responses (the smallest group a table may describe); no number is shown.`,
  AUDIT_FAILED: () =>
    'Combined with the custom tables already shown for this survey and the exact numbers of its releases, this table would let someone work out a count of fewer than k people. It is not shown; tables built from the questions already used remain available.',
};

interface EligibleQuestion extends CustomTableQuestion {
  readonly dimension: Dimension;
}

/**
 * The table builder (issue 17): custom tables for staff, counted in SQL, protected by the
 * cell-key method (shared/disclosure/cell-key-table), refused when they would nest a joint
 * already shown, audited against every custom table shown before, held by a time rule, and
 * recorded in the custom-table ledger and the audit log.
 */
@Injectable()
export class CustomTablesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly releaseLock: ReleaseLockRepository,
    private readonly repository: CustomTablesRepository,
    private readonly pool: ReleasePool,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Refuses while the table builder is off on this server (CUSTOM_TABLES_ENABLED). */
  private assertEnabled(): void {
    if (this.config.CUSTOM_TABLES_ENABLED) return;
    throw new DomainError(
      'FORBIDDEN',
      'The table builder is turned off on this server (CUSTOM_TABLES_ENABLED=false). An operator can turn it back on (see the README).',
      [{ path: 'CUSTOM_TABLES_ENABLED', code: 'TABLE_BUILDER_OFF', message: 'the table builder is off on this server' }],
    );
  }

  /** The single-choice (and banded) questions of the version that opened fielding. */
  async questions(surveyId: string): Promise<CustomTableQuestion[]> {
    this.assertEnabled();
    const { questions } = await this.eligible(this.transactions.manager, surveyId);
    return [...questions.values()].map(({ question, title, categories }) => ({ question, title, categories }));
  }

  async build(surveyId: string, request: CustomTableDto, actor: StaffPrincipal): Promise<CustomTableResult> {
    this.assertEnabled();
    let outcome = 'refused';
    let hold: CustomTableHold | null = null;
    try {
      const result = await this.releaseLock.run(surveyId, (manager) => this.compute(manager, surveyId, request));
      outcome = result.status;
      hold = result.hold?.code ?? null;
      return result;
    } finally {
      // Every query is recorded: who (the actor), which table, when (the audit log's time).
      await this.audit.record({
        actor,
        action: 'custom_table.view',
        targetType: 'survey',
        targetId: surveyId,
        details: {
          questions: request.questions,
          filter: request.filter ? { question: request.filter.question, values: request.filter.values } : null,
          outcome,
          hold,
        },
      });
    }
  }

  private async compute(manager: EntityManager, surveyId: string, request: CustomTableDto): Promise<CustomTableResult> {
    const { survey, questions: eligible } = await this.eligible(manager, surveyId);
    const { questions, filter } = checkRequest(request, eligible, compileSurvey(await this.definitionOf(manager, survey)).questions);
    const k = survey.k;
    const noise = customTableNoise(k);
    const describe = (question: string) => {
      const q = eligible.get(question) as EligibleQuestion;
      return { question, title: q.title, categories: q.categories };
    };
    const held = (code: CustomTableHold, minimum = 0): CustomTableResult => ({
      dimensions: questions.map(describe),
      filter: filter
        ? {
            question: filter.question,
            title: describe(filter.question).title,
            values: describe(filter.question).categories.filter((c) => filter.values.includes(c.value)),
          }
        : null,
      status: 'held',
      hold: { code, message: HOLD_MESSAGES[code](k, minimum) },
      cells: [],
      totals: [],
      noise,
      k,
    });

    const views = await this.repository.views(manager, surveyId);
    const joints = distinctJoints(views.map((view) => view.joint));
    const source = customTableSource([...questions, ...(filter ? [filter.question] : [])], joints);
    if (source.kind === 'refuse') {
      throw new DomainError(
        'CONFLICT',
        `A table by ${source.smaller.join(' × ')} was already shown for this survey; a table that adds questions to it would let its cells be subtracted. Build the larger table first: smaller ones are then summed from it.`,
        [{ path: 'questions', code: 'NESTS_EARLIER_TABLE', message: source.smaller.join(',') }],
      );
    }
    const known = source.joint.every((question) => eligible.has(question));
    if (!known) throw new DomainError('CONFLICT', 'An earlier custom table used a question this version no longer counts.');
    const tables = source.kind === 'measure' ? [...new Set([...joints.flat(), ...source.joint])].sort() : [...source.joint];
    if (tables.some((question) => !eligible.has(question)))
      throw new DomainError('CONFLICT', 'An earlier custom table used a question this version no longer counts.');
    // The audited joint also counts the grouping questions of the release's cross-tabs and the
    // qualifying questions of its pairs that touch these (issue 17): their cells are then
    // constraints of the audit, and every other release table meets it in a margin it takes as known.
    const releases = await this.repository.releasesShown(manager, surveyId);
    const publishing = buildCatalogue(await this.definitionOf(manager, survey), { crosstabs: survey.crosstabs });
    // A release of an earlier day (another total than today's) is modelled as a day of its own
    // (issue 17, part 2): the audited joint then takes in the questions of the release tables and
    // skip logic touching it, until what stays outside tells no more than a margin that day published.
    const total = await this.repository.responses(manager, surveyId);
    const earlier = releasedEarlier(releases, total);
    const union = customAuditQuestions(tables, publishing, releases.length > 0, earlier ? { ledger: releases, responses: total } : null);
    const dimensionOf = (question: string) => {
      const dimension = publishing.dimensions.get(question);
      if (!dimension) throw new DomainError('CONFLICT', 'An earlier custom table used a question this version no longer counts.');
      return dimension;
    };
    const unionCategories = union.map((question) => dimensionOf(question).categories);
    if (jointSize(unionCategories) > CUSTOM_AUDIT_CELL_LIMIT) {
      throw new DomainError(
        'CONFLICT',
        `The custom tables of this survey would combine more than ${CUSTOM_AUDIT_CELL_LIMIT} answer combinations, more than the audit checks quickly${earlier ? " (with a release of an earlier day, the audit also counts the questions of the release's cross-tabs, before/after pairs and skip logic that touch these)" : ''}. Use questions already used in earlier tables, or questions with fewer answers.`,
        [{ path: 'questions', code: 'AUDIT_TOO_LARGE', message: union.join(',') }],
      );
    }
    const days = new Set(releases.flatMap((entry) => entry.values.get('N')?.value ?? [])).size;
    if (jointSize(unionCategories) * (days + 1) > CUSTOM_AUDIT_DAY_CELL_LIMIT) {
      throw new DomainError(
        'CONFLICT',
        `The releases of this survey were shown on ${days} different days; the audit models each day as its own copy of the ${jointSize(unionCategories)} answer combinations of these tables, more than the ${CUSTOM_AUDIT_DAY_CELL_LIMIT} it checks quickly. Use questions with fewer answers.`,
        [{ path: 'questions', code: 'AUDIT_TOO_LARGE', message: union.join(',') }],
      );
    }
    const unionCounts = await this.repository.countJoint(manager, surveyId, union.map(dimensionOf));
    // D2: nothing below the release floor (the count itself is never shown). Read from the same pass.
    const responses = [...unionCounts.values()].reduce((sum, cell) => sum + cell.count, 0);
    if (responses < survey.minResponses) return held('BELOW_RELEASE_FLOOR', survey.minResponses);
    // Responses arrived between the two reads (the mixer runs outside the release lock): the
    // audited joint was chosen for today's releases only, so it cannot model the earlier day.
    if (responses !== total && releasedEarlier(releases, responses) !== earlier) return held('AUDIT_FAILED');
    const jointCounts = marginal(unionCounts, union, source.joint);
    const table = protectCustomTable(
      { questions: source.joint, categories: source.joint.map((question) => dimensionOf(question).categories) },
      jointCounts,
      questions,
      filter,
      k,
    );
    if (filter && table.base < survey.minGroup) return held('BASE_TOO_SMALL', survey.minGroup);
    const shown = views.map((view) => new Map(Object.entries(view.values)));
    if (heldCustomCells(shown, table.measured, k).length > 0) return held('HELD_BY_TIME_RULE');
    // Audited against every custom table shown before and every release's exact numbers (a
    // perturbed cell beside an exact margin can pin a count: issue 17's review).
    const audited = source.kind === 'measure' ? [...joints, source.joint] : [source.joint];
    const released = releasedSumsFor({ questions: union, categories: unionCategories }, unionCounts, {
      catalogue: publishing,
      ledger: releases,
      responses,
      // A release hides what is below its own floor: k, or 10 under ONS rounding (D8).
      k: survey.perturbation === 'ons_10_5' ? Math.max(k, 10) : k,
      minGroup: survey.minGroup,
    });
    // In the release worker pool: the main thread keeps answering respondents while HiGHS runs.
    const pinned = await this.pool.auditCustom({
      union: { questions: union, categories: unionCategories },
      finest: unionCounts,
      joints: audited,
      k,
      released,
    });
    if (pinned.length > 0) return held('AUDIT_FAILED');
    const values = Object.fromEntries(table.measured);
    // Numbers staff were already shown add nothing to the ledger (a smaller table summed from a joint, the same table again).
    const repeat = [...table.measured].every(([id, value]) => views.some((view) => view.values[id] === value));
    if (!repeat) {
      await this.repository.recordView(manager, surveyId, [...source.joint], values);
    }
    return {
      dimensions: questions.map(describe),
      filter: filter
        ? {
            question: filter.question,
            title: describe(filter.question).title,
            values: describe(filter.question).categories.filter((c) => filter.values.includes(c.value)),
          }
        : null,
      status: 'shown',
      hold: null,
      cells: table.cells,
      totals: table.totals,
      noise,
      k,
    };
  }

  private async eligible(
    manager: EntityManager,
    surveyId: string,
  ): Promise<{ survey: SurveyEntity; questions: Map<string, EligibleQuestion> }> {
    const survey = await manager.findOne(SurveyEntity, { where: { id: surveyId } });
    if (!survey) throw new DomainError('NOT_FOUND', 'There is no such survey.');
    const catalogue: Catalogue = buildCatalogue(await this.definitionOf(manager, survey), { crosstabs: [] });
    const questions = new Map<string, EligibleQuestion>();
    for (const table of catalogue.tables) {
      if (table.kind !== 'single') continue;
      const dimension = catalogue.dimensions.get(table.dimension);
      if (!dimension) continue;
      const labels = new Map(table.categories.map((category) => [category.value, category.label]));
      const categories: SnapshotCategory[] = dimension.categories.map((value) => ({
        value,
        label: labels.get(value) ?? SPECIAL_LABELS[value] ?? value,
      }));
      questions.set(table.question, { question: table.question, title: table.title, categories, dimension });
    }
    return { survey, questions };
  }

  /** D1: the version that opened fielding fixes what is counted (the latest before fielding). */
  private async definitionOf(manager: EntityManager, survey: SurveyEntity): Promise<SurveyVersionEntity['definition']> {
    const where = survey.fieldingVersion === null ? { surveyId: survey.id } : { surveyId: survey.id, number: survey.fieldingVersion };
    const version = await manager.findOne(SurveyVersionEntity, { where, order: { number: 'DESC' } });
    if (!version) throw new DomainError('NOT_FOUND', 'There is no such survey.');
    return version.definition;
  }
}

/** The request's questions and filter, checked against the eligible questions; a clear 400 otherwise. */
function checkRequest(
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

function distinctJoints(joints: readonly string[][]): string[][] {
  const seen = new Set<string>();
  return joints.filter((joint) => {
    const key = JSON.stringify(joint);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Sums the union joint's cells into a smaller joint (counts and key sums mod 2^48). */
function marginal(counts: ReadonlyMap<string, KeyedCount>, union: readonly string[], joint: readonly string[]): Map<string, KeyedCount> {
  const positions = joint.map((question) => union.indexOf(question));
  const result = new Map<string, KeyedCount>();
  for (const [key, cell] of counts) {
    const categories = key.split(CUSTOM_CELL_SEPARATOR);
    const smaller = positions.map((p) => categories[p]).join(CUSTOM_CELL_SEPARATOR);
    const current = result.get(smaller) ?? { count: 0, keySum: 0 };
    result.set(smaller, { count: current.count + cell.count, keySum: addKeySums(current.keySum, cell.keySum) });
  }
  return result;
}

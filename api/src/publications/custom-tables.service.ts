import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CUSTOM_CELL_SEPARATOR,
  NOT_ANSWERED,
  REFUSED,
  addKeySums,
  buildCatalogue,
  compileSurvey,
  customAuditQuestions,
  heldCustomCells,
  protectCustomTable,
  refuseText,
  releasedEarlier,
  releasedSumsFor,
  type Catalogue,
  type CustomTableHold,
  type CustomTableQuestion,
  type CustomTableResult,
  type Dimension,
  type KeyedCount,
  type LedgerEntry,
  type LocalizableString,
  type SnapshotCategory,
  type ShownCustomView,
  type SurveyDefinition,
  viewsOfEarlierDays,
} from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import type { StaffPrincipal } from '../common/staff-principal';
import { Transactions } from '../database/transactions';
import { SurveysService, type StoredSurvey } from '../surveys/surveys.service';
import { CustomTablesRepository } from './custom-tables.repository';
import type { CustomTableDto } from './dto/custom-table.dto';
import { ReleaseLockRepository } from './release-lock.repository';
import { ReleasePool } from './release-pool';
import { checkRequest, questionGone, tableSource, checkAuditSize, type EligibleQuestion } from './custom-table-checks';
import { HOLD_MESSAGES, heldTable, tableFrame, tableResult } from './custom-table-result';

const SPECIAL_LABELS: Readonly<Record<string, LocalizableString>> = {
  [NOT_ANSWERED]: { default: 'Not answered', es: 'Sin respuesta' },
  [REFUSED]: refuseText(),
};

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
    private readonly surveys: SurveysService,
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

  /**
   * One table, in the release lock's transaction: the request checked, the joint it is
   * counted from chosen, the audit's scope sized, then the holds (D2, the filter's base,
   * the time rule, the audit) in order; a table shown for the first time goes in the ledger.
   */
  private async compute(manager: EntityManager, surveyId: string, request: CustomTableDto): Promise<CustomTableResult> {
    const { survey, definition, questions: eligible } = await this.eligible(manager, surveyId);
    const { questions, filter } = checkRequest(request, eligible, compileSurvey(definition).questions);
    const k = survey.k;
    const frame = tableFrame(questions, filter, eligible, k);
    const held = (code: CustomTableHold, minimum = 0) => heldTable(frame, code, HOLD_MESSAGES[code](k, minimum));

    const views = await this.repository.views(manager, surveyId);
    const joints = distinctJoints(views.map((view) => view.joint));
    const source = tableSource([...questions, ...(filter ? [filter.question] : [])], joints, eligible);
    const total = await this.repository.responses(manager, survey.id);
    // A table summed from a joint already shown adds nothing while the responses are those it
    // was shown with; once a view is of an earlier day, every table is audited with every view.
    const everyJoint = source.kind === 'measure' || viewsOfEarlierDays(views, total).length > 0;
    const tables = everyJoint ? [...new Set([...joints.flat(), ...source.joint])].sort() : [...source.joint];
    if (tables.some((question) => !eligible.has(question))) throw questionGone();
    const scope = await this.auditScope(manager, survey, definition, tables, total, views);
    const unionCounts = await this.repository.countJoint(manager, surveyId, scope.union.map(scope.dimensionOf));
    // D2: nothing below the release floor (the count itself is never shown). Read from the same pass.
    const responses = [...unionCounts.values()].reduce((sum, cell) => sum + cell.count, 0);
    if (responses < survey.minResponses) return held('BELOW_RELEASE_FLOOR', survey.minResponses);
    // Responses arrived between the two reads (the mixer runs outside the release lock): the
    // audited joint was chosen for today's releases only, so it cannot model the earlier day.
    const viewsBecameEarlier = !everyJoint && viewsOfEarlierDays(views, responses).length > 0;
    if (responses !== scope.total && (releasedEarlier(scope.releases, responses) !== scope.earlier || viewsBecameEarlier))
      return held('AUDIT_FAILED');
    const table = protectCustomTable(
      { questions: source.joint, categories: source.joint.map((question) => scope.dimensionOf(question).categories) },
      marginal(unionCounts, scope.union, source.joint),
      questions,
      filter,
      k,
    );
    if (filter && table.base < survey.minGroup) return held('BASE_TOO_SMALL', survey.minGroup);
    const shown = views.map((view) => new Map(Object.entries(view.values)));
    if (heldCustomCells(shown, table.measured, k).length > 0) return held('HELD_BY_TIME_RULE');
    const audited = everyJoint ? [...joints, source.joint] : [source.joint];
    if (await this.pinsACount(survey, scope, unionCounts, responses, audited, views)) return held('AUDIT_FAILED');
    await this.recordIfNew(manager, surveyId, { joint: source.joint, measured: table.measured, responses }, views);
    return tableResult(frame, { status: 'shown', hold: null, cells: table.cells, totals: table.totals });
  }

  /**
   * The audited joint also counts the grouping questions of the release's cross-tabs and the
   * qualifying questions of its pairs that touch these (issue 17): their cells are then
   * constraints of the audit, and every other release table meets it in a margin it takes as known.
   */
  private async auditScope(
    manager: EntityManager,
    survey: StoredSurvey,
    definition: SurveyDefinition,
    tables: readonly string[],
    total: number,
    views: readonly ShownCustomView[],
  ): Promise<AuditScope> {
    const releases = await this.repository.releasesShown(manager, survey.id);
    const publishing = buildCatalogue(definition, { crosstabs: survey.crosstabs });
    // A release of an earlier day (another total than today's) is modelled as a day of its own
    // (issue 17, part 2): the audited joint then takes in the questions of the release tables and
    // skip logic touching it, until what stays outside tells no more than a margin that day published.
    const earlier = releasedEarlier(releases, total);
    const union = customAuditQuestions(tables, publishing, releases.length > 0, earlier ? { ledger: releases, responses: total } : null);
    const dimensionOf = (question: string) => {
      const dimension = publishing.dimensions.get(question);
      if (!dimension) throw questionGone();
      return dimension;
    };
    const unionCategories = union.map((question) => dimensionOf(question).categories);
    checkAuditSize(union, unionCategories, releases, earlier, viewsOfEarlierDays(views, total));
    return { releases, publishing, total, earlier, union, unionCategories, dimensionOf };
  }

  /**
   * Audited against every custom table shown before and every release's exact numbers (a
   * perturbed cell beside an exact margin can pin a count: issue 17's review). True when the
   * table would let someone work out a count below k.
   */
  private async pinsACount(
    survey: StoredSurvey,
    scope: AuditScope,
    unionCounts: ReadonlyMap<string, KeyedCount>,
    responses: number,
    audited: readonly (readonly string[])[],
    views: readonly ShownCustomView[],
  ): Promise<boolean> {
    const { union, unionCategories } = scope;
    const released = releasedSumsFor({ questions: union, categories: unionCategories }, unionCounts, {
      catalogue: scope.publishing,
      ledger: scope.releases,
      responses,
      // A release hides what is below its own floor: k, or 10 under ONS rounding (D8).
      k: survey.perturbation === 'ons_10_5' ? Math.max(survey.k, 10) : survey.k,
      minGroup: survey.minGroup,
      // Views of earlier days hold on their day's block (issue 17); today's are the audited joints.
      views: { shown: views, k: survey.k },
    });
    // In the release worker pool: the main thread keeps answering respondents while HiGHS runs.
    const pinned = await this.pool.auditCustom({
      union: { questions: union, categories: unionCategories },
      finest: unionCounts,
      joints: audited,
      k: survey.k,
      released,
    });
    return pinned.length > 0;
  }

  /**
   * Numbers staff were already shown, of the same responses, add nothing to the ledger (a
   * smaller table summed from a joint, the same table again). The same values of other
   * responses are a new day's numbers: kept with their total, like any other.
   */
  private async recordIfNew(
    manager: EntityManager,
    surveyId: string,
    shown: { readonly joint: readonly string[]; readonly measured: ReadonlyMap<string, number>; readonly responses: number },
    views: readonly ShownCustomView[],
  ): Promise<void> {
    const { joint, measured, responses } = shown;
    const repeat = [...measured].every(([id, value]) => views.some((view) => view.responses === responses && view.values[id] === value));
    if (!repeat)
      await this.repository.recordView(manager, surveyId, { joint: [...joint], values: Object.fromEntries(measured), responses });
  }

  private async eligible(
    manager: EntityManager,
    surveyId: string,
  ): Promise<{ survey: StoredSurvey; definition: SurveyDefinition; questions: Map<string, EligibleQuestion> }> {
    const survey = await this.surveys.getSurveyEntity(surveyId, manager);
    // D1: the version that opened fielding fixes what is counted (the latest before fielding).
    const { definition } = await this.surveys.fieldingVersion(survey, manager);
    const catalogue: Catalogue = buildCatalogue(definition, { crosstabs: [] });
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
    return { survey, definition, questions };
  }
}

/** What the audit looks at: the releases shown so far and the questions of the audited joint (its union). */
interface AuditScope {
  readonly releases: LedgerEntry[];
  readonly publishing: Catalogue;
  /** The responses counted before the lock's reads (to notice ones arriving in between). */
  readonly total: number;
  /** Whether a release of an earlier day (another total than today's) is modelled as its own day. */
  readonly earlier: boolean;
  readonly union: string[];
  readonly unionCategories: Dimension['categories'][];
  readonly dimensionOf: (question: string) => Dimension;
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

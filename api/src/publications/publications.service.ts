import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  buildCatalogue,
  coarsePeriod,
  customAuditQuestions,
  distinctReleases,
  heldAgainstShown,
  planRelease,
  previewForStaff,
  snapshotToCsv,
  type PublicationPreview,
  type PublicationSnapshot,
  type PublicationSummary,
  type PlannedRelease,
  type ReleaseResult,
  type StaffPreview,
  type Catalogue,
  type CustomViewsInput,
  type Dimension,
} from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { StaffPrincipal } from '../common/staff-principal';
import { asInsert } from '../database/as-insert';
import { Transactions } from '../database/transactions';
import { SurveysService, type StoredSurvey, type StoredSurveyVersion } from '../surveys/surveys.service';
import { AggregationRepository } from './aggregation.repository';
import { CustomTablesRepository } from './custom-tables.repository';
import type { PlanReleaseDto } from './dto/plan-release.dto';
import { AuditSolver } from './highs-solver.provider';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { PublicationEntity } from './publication.entity';
import { PublicationRepository } from './publication.repository';
import { ReleaseLockRepository } from './release-lock.repository';
import { ReleasePool } from './release-pool';
import { publicationSummary as toSummary } from './publication-summary';
import { ReleaseLedgerRepository } from './release-ledger.repository';
import { StaffLedgerRepository } from './staff-ledger.repository';
import { noSuchPublication } from './publications.errors';

const noDashboard = () => new DomainError('NOT_FOUND', 'Nothing has been published for this survey yet.');

/**
 * Publishing: aggregate in SQL, apply disclosure control, audit
 * against the ledger, show the organizer exactly what would go out; publish an
 * immutable snapshot and its ledger entries; withdraw without forgetting.
 */
@Injectable()
export class PublicationsService {
  /** The last preview shown per survey, with what it depended on (this process only). */
  private readonly lastPreview = new Map<
    string,
    { readonly fingerprint: string; readonly preview: StaffPreview; readonly release: ReleaseResult }
  >();

  constructor(
    private readonly transactions: Transactions,
    private readonly releaseLock: ReleaseLockRepository,
    private readonly aggregation: AggregationRepository,
    private readonly solver: AuditSolver,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly staffLedger: StaffLedgerRepository,
    private readonly releaseLedger: ReleaseLedgerRepository,
    private readonly releases: ReleasePool,
    private readonly customTables: CustomTablesRepository,
    private readonly publications: PublicationRepository,
    private readonly surveys: SurveysService,
  ) {}

  /**
   * A preview is a release to staff (P4): it is computed under the survey's release lock,
   * held by the time rule against everything staff were shown before, recorded in the
   * staff ledger when shown, and shows no number when held back.
   */
  async preview(surveyId: string, actor: StaffPrincipal): Promise<StaffPreview> {
    const preview = await this.releaseLock.run(surveyId, async (manager) => {
      // Previewing again with nothing changed shows what was shown, without recomputing.
      const before = await this.fingerprint(manager, surveyId);
      const cached = this.lastPreview.get(surveyId);
      if (cached && cached.fingerprint === before) return cached.preview;
      const { release, staff } = await this.compute(manager, surveyId);
      if (staff.canPublish) await this.staffLedger.record(manager, surveyId, release.ledgerValues);
      this.lastPreview.set(surveyId, { fingerprint: await this.fingerprint(manager, surveyId), preview: staff, release });
      return staff;
    });
    await this.audit.record({
      actor,
      action: 'publication.preview',
      targetType: 'survey',
      targetId: surveyId,
      details: { canPublish: preview.canPublish, blocks: preview.blocks.map((b) => b.code) },
    });
    return preview;
  }

  /** Publishes if (and only if) the same computation as the preview allows it. */
  async publish(surveyId: string, actor: StaffPrincipal): Promise<{ publication: PublicationSummary; preview: StaffPreview }> {
    // One release at a time per survey, numbered in order, checked against every earlier one.
    return this.releaseLock.run(surveyId, async (manager) => {
      // Nothing changed since the last preview (same responses, settings, versions, ledgers and
      // day): the release it computed and audited is the one to publish — its numbers were
      // already shown to staff and audited against every earlier release — so it is not
      // computed again. Anything changed: computed afresh, as a preview would be.
      const cached = this.lastPreview.get(surveyId);
      const { release, staff: preview } =
        cached && cached.fingerprint === (await this.fingerprint(manager, surveyId))
          ? { release: cached.release, staff: cached.preview }
          : await this.compute(manager, surveyId);
      if (!preview.canPublish || !preview.snapshot) {
        throw new DomainError(
          'RELEASE_BLOCKED',
          'This release cannot be published.',
          preview.blocks.map((block) => ({ path: 'release', code: block.code, message: block.message })),
        );
      }
      const publication: Omit<PublicationEntity, 'survey'> = {
        id: randomUUID(),
        surveyId,
        number: preview.snapshot.number,
        snapshot: preview.snapshot,
        publishedBy: actor.userId,
        publishedAt: this.clock.now(),
        withdrawnAt: null,
        withdrawnBy: null,
      };
      await manager.insert(PublicationEntity, asInsert(publication));
      const entries = [...release.ledgerValues].map(([quantityId, value]) => ({ publicationId: publication.id, quantityId, ...value }));
      for (let i = 0; i < entries.length; i += 1000) await manager.insert(LedgerEntryEntity, entries.slice(i, i + 1000));
      await this.audit.record(
        {
          actor,
          action: 'publication.publish',
          targetType: 'survey',
          targetId: surveyId,
          details: { publication: publication.id, number: publication.number },
        },
        manager,
      );
      return { publication: toSummary(publication, actor.email), preview };
    });
  }

  async list(surveyId: string): Promise<PublicationSummary[]> {
    const rows = await this.publications.listWithEmails(surveyId);
    return rows.map((row) => toSummary(row, row.email));
  }

  async withdraw(surveyId: string, publicationId: string, actor: StaffPrincipal): Promise<PublicationSummary> {
    return this.transactions.run(async (manager) => {
      const publication = await manager.findOne(PublicationEntity, {
        where: { id: publicationId, surveyId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!publication) throw noSuchPublication();
      if (publication.withdrawnAt) throw new DomainError('CONFLICT', 'This publication was already withdrawn.');
      const now = this.clock.now();
      await manager.update(PublicationEntity, { id: publicationId }, { withdrawnAt: now, withdrawnBy: actor.userId });
      await this.audit.record(
        {
          actor,
          action: 'publication.withdraw',
          targetType: 'survey',
          targetId: surveyId,
          details: { publication: publicationId, number: publication.number },
        },
        manager,
      );
      return toSummary({ ...publication, withdrawnAt: now }, null);
    });
  }

  /**
   * Planning before the settings lock (issue 13): the release simulated on synthetic
   * answers at the release floor and at the planned size, with the given settings. Reads
   * the survey's latest definition only — never a response, a count or the ledger.
   */
  async plan(surveyId: string, request: PlanReleaseDto): Promise<PlannedRelease[]> {
    await this.surveys.getSurveyEntity(surveyId);
    const latest = await this.surveys.latestVersion(surveyId);
    const known = new Set(
      buildCatalogue(latest.definition, { crosstabs: [] })
        .tables.filter((t) => t.kind === 'single')
        .map((t) => t.question),
    );
    const unknown = request.crosstabs.flat().filter((name) => typeof name !== 'string' || !known.has(name));
    if (unknown.length > 0 || request.crosstabs.some((group) => !Array.isArray(group) || group.length < 1 || group.length > 2)) {
      throw new DomainError('VALIDATION_FAILED', 'Each cross-tab groups by one or two single-choice questions of this survey.', [
        {
          path: 'crosstabs',
          code: 'UNKNOWN_GROUPING',
          message:
            unknown.length > 0
              ? `Not a single-choice question of this survey: ${unknown.slice(0, 5).join(', ')}`
              : 'A cross-tab has one or two grouping questions.',
        },
      ]);
    }
    const sizes = [...new Set([request.minResponses, request.responses])];
    return planRelease(latest.definition, request, sizes, this.solver);
  }

  /**
   * The latest release, for the public dashboard. When it was withdrawn the page says so
   * (410, with the day): an earlier release does not silently come back in its place.
   */
  async publicSnapshot(slug: string): Promise<PublicationSnapshot> {
    const latest = await this.publications.latestBySlug(slug);
    if (!latest) throw noDashboard();
    if (latest.withdrawn_at) {
      const day = coarsePeriod(new Date(latest.withdrawn_at), 'day');
      throw new DomainError('RELEASE_WITHDRAWN', `These findings were withdrawn on ${day}.`, [
        { path: 'withdrawnOn', code: 'WITHDRAWN', message: day },
      ]);
    }
    return latest.snapshot;
  }

  async publicCsv(slug: string, locale: string): Promise<{ filename: string; body: string }> {
    const snapshot = await this.publicSnapshot(slug);
    return { filename: `candor-${snapshot.survey.slug}-${snapshot.number}.csv`, body: snapshotToCsv(snapshot, locale) };
  }

  /**
   * The release as it would go out now: the catalogue of the version that opened fielding
   * (D1), audited against every release shown to anyone — published ones and previews —
   * and held by the time rule against each of them (D6, P4). `staff` is what staff may see.
   */
  private async compute(manager: EntityManager, surveyId: string): Promise<{ release: ReleaseResult; staff: StaffPreview }> {
    const survey = await this.surveys.getSurveyEntity(surveyId, manager);
    const settings = { k: survey.k, minResponses: survey.minResponses };
    const latest = await this.surveys.latestVersion(surveyId, manager);
    const published = await this.releaseLedger.entries(manager, surveyId);
    const comparedWith = published.at(-1)?.number ?? null;
    // After the highest publication, not the ledger's last release: a republication has no entries of its own.
    const last = await this.releaseLedger.lastNumber(manager, surveyId);
    if (survey.status === 'draft') {
      const preview: PublicationPreview = {
        snapshot: null,
        canPublish: false,
        blocks: [{ code: 'SURVEY_DRAFT', message: 'The survey has not been opened yet: there is nothing to publish.' }],
        held: [],
        suppressions: [],
        audit: { targets: 0, solved: 0, iterations: 0, passed: true, failures: [] },
        warnings: [],
        comparedWith,
      };
      return { release: { preview, ledgerValues: new Map() }, staff: previewForStaff(preview, settings, []) };
    }
    const version = await this.fieldingVersion(manager, survey, latest);
    const shown = distinctReleases([...published, ...(await this.staffLedger.shown(manager, surveyId))]);
    const today = coarsePeriod(this.clock.now(), 'day');
    const catalogue = buildCatalogue(version.definition, { crosstabs: survey.crosstabs });
    // Warnings come from the definitions only: one that depended on the answers would be an oracle.
    const warnings = [...catalogue.warnings];
    if (version.number !== latest.number) {
      warnings.push(
        `Only the tables of version ${version.number}, which opened fielding, are counted and published; later versions cannot change them, and answers to questions or choices version ${version.number} does not have are counted as not answered.`,
      );
    }
    const aggregates = await this.aggregation.countJoints(surveyId, catalogue, manager);
    const custom = await this.customViews(manager, surveyId, catalogue);
    // Built in a worker thread: the main thread keeps serving while the audit runs.
    const result = await this.releases.build({
      catalogue,
      counts: aggregates.counts,
      responses: aggregates.responses,
      settings: { k: survey.k, minResponses: survey.minResponses, minGroup: survey.minGroup, perturbation: survey.perturbation },
      survey: { slug: survey.slug, title: version.definition.title ?? survey.title, locales: survey.locales },
      number: last + 1,
      publishedOn: today,
      window: {
        from: survey.openedAt ? coarsePeriod(survey.openedAt, 'day') : today,
        to: survey.closedAt ? coarsePeriod(survey.closedAt, 'day') : today,
      },
      ledger: shown,
      ...(custom ? { custom } : {}),
    });
    const held = result.preview.snapshot ? heldAgainstShown(shown, result.ledgerValues, survey.k) : [];
    const blocks = [...result.preview.blocks];
    if (held.length > 0 && !blocks.some((b) => b.code === 'HELD_BY_TIME_RULE')) {
      blocks.push({
        code: 'HELD_BY_TIME_RULE',
        message: `${held.length} number(s) moved by less than ${survey.k} since a release shown to staff.`,
      });
    }
    const preview: PublicationPreview = { ...result.preview, blocks, canPublish: blocks.length === 0, warnings, comparedWith };
    return { release: { ...result, preview }, staff: previewForStaff(preview, settings, warnings) };
  }

  /**
   * Everything a release depends on, read cheaply: the survey's settings and state, its
   * versions, the release and staff ledgers, the day, and how many responses it has —
   * responses are only ever added (or all deleted by retention), so an equal count means
   * equal answers. Kept in this process only, never stored.
   */
  private async fingerprint(manager: EntityManager, surveyId: string): Promise<string> {
    const rows = await this.publications.dependencies(manager, surveyId);
    return JSON.stringify([rows, coarsePeriod(this.clock.now(), 'day')]);
  }

  /** D1: the version that opened fielding fixes what is counted; surveys opened before it was kept fall back to the latest. */
  /**
   * The custom tables shown to staff (issue 17), for the release's audit: the joint of their
   * questions widened like the table builder's audit, with today's counts. None: no block.
   */
  private async customViews(manager: EntityManager, surveyId: string, catalogue: Catalogue): Promise<CustomViewsInput | null> {
    const views = await this.customTables.views(manager, surveyId);
    if (views.length === 0) return null;
    const questions = customAuditQuestions([...new Set(views.flatMap((view) => view.joint))], catalogue, true);
    const dimensions = questions.map((question) => catalogue.dimensions.get(question));
    if (dimensions.some((dimension) => dimension === undefined))
      throw new DomainError('CONFLICT', 'A custom table shown for this survey used a question the fielding version does not count.');
    const counted = dimensions as Dimension[];
    return {
      union: { questions, categories: counted.map((dimension) => dimension.categories) },
      finest: await this.customTables.countJoint(manager, surveyId, counted),
      views,
    };
  }

  /** D1: the version that opened fielding (the latest is read already, so mostly no second read). */
  private async fieldingVersion(manager: EntityManager, survey: StoredSurvey, latest: StoredSurveyVersion): Promise<StoredSurveyVersion> {
    if (survey.fieldingVersion === null || survey.fieldingVersion === latest.number) return latest;
    return this.surveys.fieldingVersion(survey, manager);
  }
}

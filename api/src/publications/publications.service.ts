import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import {
  buildCatalogue,
  buildRelease,
  coarsePeriod,
  snapshotToCsv,
  type LedgerEntry,
  type LedgerValue,
  type PublicationPreview,
  type PublicationSnapshot,
  type PublicationSummary,
  type ReleaseResult,
} from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { StaffPrincipal } from '../common/staff-principal';
import { asInsert } from '../database/as-insert';
import { SurveyVersionEntity } from '../surveys/survey-version.entity';
import { SurveyEntity } from '../surveys/survey.entity';
import { AggregationRepository } from './aggregation.repository';
import { AuditSolver } from './highs-solver.provider';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { PublicationEntity } from './publication.entity';

const notFound = () => new DomainError('NOT_FOUND', 'There is no such survey.');
const noDashboard = () => new DomainError('NOT_FOUND', 'Nothing has been published for this survey yet.');

/**
 * Publishing (DESIGN.md §2 flow 3): aggregate in SQL, apply disclosure control, audit
 * against the ledger, show the organizer exactly what would go out; publish an
 * immutable snapshot and its ledger entries; withdraw without forgetting.
 */
@Injectable()
export class PublicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly aggregation: AggregationRepository,
    private readonly solver: AuditSolver,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @InjectRepository(PublicationEntity) private readonly publications: Repository<PublicationEntity>,
  ) {}

  async preview(surveyId: string, actor: StaffPrincipal): Promise<PublicationPreview> {
    // One consistent view of the ledger and the answers, as publishing has.
    const result = await this.dataSource.transaction('REPEATABLE READ', (manager) => this.compute(manager, surveyId));
    await this.audit.record({
      actor,
      action: 'publication.preview',
      targetType: 'survey',
      targetId: surveyId,
      details: { canPublish: result.preview.canPublish, blocks: result.preview.blocks.map((b) => b.code) },
    });
    return result.preview;
  }

  /** Publishes if (and only if) the same computation as the preview allows it. */
  async publish(surveyId: string, actor: StaffPrincipal): Promise<{ publication: PublicationSummary; preview: PublicationPreview }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // One release at a time per survey, numbered in order.
      await manager.query('SELECT 1 FROM survey WHERE id = $1 FOR UPDATE', [surveyId]);
      const result = await this.compute(manager, surveyId);
      const { preview } = result;
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
      const entries = [...result.ledgerValues].map(([quantityId, value]) => ({ publicationId: publication.id, quantityId, ...value }));
      for (let i = 0; i < entries.length; i += 1000) await manager.insert(LedgerEntryEntity, entries.slice(i, i + 1000));
      await this.audit.record(
        { actor, action: 'publication.publish', targetType: 'survey', targetId: surveyId, details: { publication: publication.id, number: publication.number } },
        manager,
      );
      return { publication: toSummary(publication, actor.email), preview };
    });
  }

  async list(surveyId: string): Promise<PublicationSummary[]> {
    const rows: Array<PublicationEntity & { email: string | null }> = await this.publications
      .createQueryBuilder('p')
      .leftJoin('staff_user', 'u', 'u.id = p.published_by')
      .addSelect('u.email', 'email')
      .where('p.survey_id = :surveyId', { surveyId })
      .orderBy('p.number', 'DESC')
      .getRawAndEntities()
      .then(({ entities, raw }) => entities.map((entity, i) => ({ ...entity, email: (raw[i] as { email: string | null }).email })));
    return rows.map((row) => toSummary(row, row.email));
  }

  async withdraw(surveyId: string, publicationId: string, actor: StaffPrincipal): Promise<PublicationSummary> {
    return this.dataSource.transaction(async (manager) => {
      const publication = await manager.findOne(PublicationEntity, { where: { id: publicationId, surveyId }, lock: { mode: 'pessimistic_write' } });
      if (!publication) throw new DomainError('NOT_FOUND', 'There is no such publication.');
      if (publication.withdrawnAt) throw new DomainError('CONFLICT', 'This publication was already withdrawn.');
      const now = this.clock.now();
      await manager.update(PublicationEntity, { id: publicationId }, { withdrawnAt: now, withdrawnBy: actor.userId });
      await this.audit.record({ actor, action: 'publication.withdraw', targetType: 'survey', targetId: surveyId, details: { publication: publicationId, number: publication.number } }, manager);
      return toSummary({ ...publication, withdrawnAt: now }, null);
    });
  }

  /** The latest snapshot still on show, for the public dashboard. */
  async publicSnapshot(slug: string): Promise<PublicationSnapshot> {
    const rows: Array<{ snapshot: PublicationSnapshot }> = await this.dataSource.query(
      `SELECT p.snapshot FROM publication p JOIN survey s ON s.id = p.survey_id
        WHERE s.slug = $1 AND p.withdrawn_at IS NULL ORDER BY p.number DESC LIMIT 1`,
      [slug],
    );
    const snapshot = rows[0]?.snapshot;
    if (!snapshot) throw noDashboard();
    return snapshot;
  }

  async publicCsv(slug: string, locale: string): Promise<{ filename: string; body: string }> {
    const snapshot = await this.publicSnapshot(slug);
    return { filename: `candor-${snapshot.survey.slug}-${snapshot.number}.csv`, body: snapshotToCsv(snapshot, locale) };
  }

  private async compute(manager: EntityManager, surveyId: string): Promise<ReleaseResult> {
    const survey = await manager.findOne(SurveyEntity, { where: { id: surveyId } });
    if (!survey) throw notFound();
    const version = await manager.findOneOrFail(SurveyVersionEntity, { where: { surveyId }, order: { number: 'DESC' } });
    const ledger = await this.ledger(manager, surveyId);
    const today = coarsePeriod(this.clock.now(), 'day');
    if (survey.status === 'draft') {
      return {
        preview: {
          snapshot: null,
          canPublish: false,
          blocks: [{ code: 'SURVEY_DRAFT', message: 'The survey has not been opened yet: there is nothing to publish.' }],
          held: [],
          suppressions: [],
          audit: { targets: 0, solved: 0, iterations: 0, passed: true, failures: [] },
          warnings: [],
          comparedWith: ledger.at(-1)?.number ?? null,
        },
        ledgerValues: new Map(),
      };
    }
    const catalogue = buildCatalogue(version.definition, { crosstabs: survey.crosstabs });
    const aggregates = await this.aggregation.countJoints(surveyId, catalogue, manager);
    const result = await buildRelease({
      catalogue,
      counts: aggregates.counts,
      responses: aggregates.responses,
      settings: { k: survey.k, minResponses: survey.minResponses, minGroup: survey.minGroup, perturbation: survey.perturbation },
      survey: { slug: survey.slug, title: version.definition.title ?? survey.title, locales: survey.locales },
      number: (ledger.at(-1)?.number ?? 0) + 1,
      publishedOn: today,
      window: {
        from: survey.openedAt ? coarsePeriod(survey.openedAt, 'day') : today,
        to: survey.closedAt ? coarsePeriod(survey.closedAt, 'day') : today,
      },
      ledger,
      solver: this.solver,
    });
    if (aggregates.unknownAnswers > 0) {
      return {
        ...result,
        preview: {
          ...result.preview,
          warnings: [...result.preview.warnings, 'Some answers were given to choices the current version no longer offers; they are counted as not answered.'],
        },
      };
    }
    return result;
  }

  private async ledger(manager: EntityManager, surveyId: string): Promise<LedgerEntry[]> {
    const rows: Array<{ number: number; quantity_id: string; value: number; lower: number; upper: number }> = await manager.query(
      `SELECT p.number, e.quantity_id, e.value, e.lower, e.upper
         FROM release_ledger_entry e JOIN publication p ON p.id = e.publication_id
        WHERE p.survey_id = $1 ORDER BY p.number`,
      [surveyId],
    );
    const entries = new Map<number, Map<string, LedgerValue>>();
    for (const row of rows) {
      const values = entries.get(row.number) ?? new Map<string, LedgerValue>();
      values.set(row.quantity_id, { value: row.value, lower: row.lower, upper: row.upper });
      entries.set(row.number, values);
    }
    return [...entries].map(([number, values]) => ({ number, values }));
  }
}

function toSummary(publication: Pick<PublicationEntity, 'id' | 'number' | 'publishedAt' | 'withdrawnAt' | 'snapshot'>, email: string | null): PublicationSummary {
  return {
    id: publication.id,
    number: publication.number,
    publishedAt: publication.publishedAt.toISOString(),
    publishedBy: email,
    withdrawnAt: publication.withdrawnAt ? publication.withdrawnAt.toISOString() : null,
    responses: publication.snapshot.responses,
  };
}

import { Clock } from '../common/clock';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { Repository, type EntityManager } from 'typeorm';
import { canonicalJson, compileSurvey, normalizeLegacyElements, type SurveyDefinition, type TimeGranularity } from '@candor/shared';
import { asInsert } from '../database/as-insert';
import { SurveyVersionEntity } from './survey-version.entity';
import { SurveyEntity, type SurveyStatus } from './survey.entity';
import { SurveyRepository, type DueSurvey } from './survey.repository';
import { findSurvey } from './find-survey';
import { noSuchSurvey, surveyClosed, surveyNotFound } from './surveys.errors';
import { sanitizeDefinitionHtml } from './researcher-html';
import { Transactions } from '../database/transactions';

/** What the intake needs to know about a survey, read in one query. */
export interface SubmissionTarget {
  readonly surveyId: string;
  readonly status: SurveyStatus;
  readonly timeGranularity: TimeGranularity;
  readonly versionId: string;
  readonly definitionHash: string;
  readonly requiresOutreachCode: boolean;
  /** The research public key free text is sealed to (issue 17), or null. */
  readonly researchKey: string | null;
}

export interface NewSurvey {
  readonly slug: string;
  readonly title: string;
  readonly definition: SurveyDefinition;
  readonly status?: SurveyStatus;
  readonly locales?: readonly string[];
  readonly createdBy?: string | null;
}

/**
 * What other modules read of a survey: the fields they use, read-only, never the entity class
 * (entities never leave their module, so no other module queries or saves these tables).
 */
export interface StoredSurvey {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly status: SurveyStatus;
  readonly locales: string[];
  readonly k: number;
  readonly minResponses: number;
  readonly minGroup: number;
  readonly perturbation: SurveyEntity['perturbation'];
  readonly crosstabs: string[][];
  /** D1: the version that opened fielding (null before). */
  readonly fieldingVersion: number | null;
  readonly openedAt: Date | null;
  readonly closedAt: Date | null;
}

/** What other modules read of a survey version, read-only. */
export interface StoredSurveyVersion {
  readonly id: string;
  readonly surveyId: string;
  readonly number: number;
  readonly definition: SurveyDefinition;
  readonly definitionHash: string;
}

export type { DueSurvey } from './survey.repository';

export function hashDefinition(definition: SurveyDefinition): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}

@Injectable()
export class SurveysService {
  constructor(
    private readonly transactions: Transactions,
    @InjectRepository(SurveyEntity) private readonly surveys: Repository<SurveyEntity>,
    @InjectRepository(SurveyVersionEntity) private readonly versions: Repository<SurveyVersionEntity>,
    private readonly clock: Clock,
    private readonly rows: SurveyRepository,
  ) {}

  /** The survey at `slug` with its current version, for respondents: open surveys only. */
  async getOpenSurvey(slug: string): Promise<{ survey: SurveyEntity; version: SurveyVersionEntity }> {
    const survey = await this.surveys.findOne({ where: { slug } });
    if (!survey || survey.status === 'draft') throw surveyNotFound();
    if (survey.status === 'closed') throw surveyClosed();
    const version = await this.versions.findOne({ where: { surveyId: survey.id }, order: { number: 'DESC' } });
    if (!version) throw surveyNotFound();
    return { survey, version };
  }

  /** The survey and current version behind `slug`, or null; draft surveys count as absent. */
  async findSubmissionTarget(slug: string): Promise<SubmissionTarget | null> {
    const row = await this.rows.submissionTarget(slug);
    if (!row) return null;
    return {
      surveyId: row.survey_id,
      status: row.status,
      timeGranularity: row.time_granularity,
      versionId: row.version_id,
      definitionHash: row.definition_hash,
      requiresOutreachCode: row.requires_outreach_code,
      researchKey: row.research_public_key,
    };
  }

  /** A survey by id, for staff routes; 404 when there is none. `manager`: read in that transaction. */
  async getSurveyEntity(id: string, manager: EntityManager = this.transactions.manager): Promise<StoredSurvey> {
    return findSurvey(manager, id);
  }

  /** The survey's current version (the latest). */
  async latestVersion(surveyId: string, manager: EntityManager = this.transactions.manager): Promise<StoredSurveyVersion> {
    return manager.findOneOrFail(SurveyVersionEntity, { where: { surveyId }, order: { number: 'DESC' } });
  }

  /** D1: the version that opened fielding fixes what is counted (the latest before fielding). */
  async fieldingVersion(
    survey: Pick<StoredSurvey, 'id' | 'fieldingVersion'>,
    manager: EntityManager = this.transactions.manager,
  ): Promise<StoredSurveyVersion> {
    const where = survey.fieldingVersion === null ? { surveyId: survey.id } : { surveyId: survey.id, number: survey.fieldingVersion };
    const version = await manager.findOne(SurveyVersionEntity, { where, order: { number: 'DESC' } });
    if (!version) throw noSuchSurvey();
    return version;
  }

  async getDefinition(versionId: string): Promise<SurveyDefinition> {
    const version = await this.versions.findOne({ where: { id: versionId }, select: { id: true, definition: true } });
    if (!version) throw surveyNotFound();
    return version.definition;
  }

  /** Every version's definition of the survey, newest first. */
  async versionDefinitions(surveyId: string): Promise<SurveyDefinition[]> {
    return this.rows.definitions(surveyId);
  }

  /** P8: closed surveys whose retention has passed and whose responses are not yet deleted. */
  async dueForRetention(now: Date): Promise<DueSurvey[]> {
    return this.rows.dueForRetention(now);
  }

  /** P8: locks the survey in `manager`'s transaction; false when it is no longer due (reopened meanwhile). */
  async lockIfRetentionDue(manager: EntityManager, surveyId: string, now: Date): Promise<boolean> {
    return this.rows.lockIfRetentionDue(manager, surveyId, now);
  }

  /** P8: marks the survey's responses deleted, in the transaction that deleted them. */
  async markResponsesDeleted(manager: EntityManager, surveyId: string, now: Date): Promise<void> {
    await this.rows.markResponsesDeleted(manager, surveyId, now);
  }

  async countSurveys(): Promise<number> {
    return this.surveys.count();
  }

  /** Adds a version after the latest one (the new current version); the definition must compile. */
  async addVersion(
    surveyId: string,
    edited: SurveyDefinition,
    createdBy: string | null = null,
    existing?: EntityManager,
  ): Promise<SurveyVersionEntity> {
    const { definition } = sanitizeDefinitionHtml(edited);
    compileSurvey(definition);
    const run = (manager: EntityManager) => this.insertNextVersion(manager, surveyId, definition, createdBy);
    return existing ? run(existing) : this.transactions.run(run);
  }

  private async insertNextVersion(
    manager: EntityManager,
    surveyId: string,
    imported: SurveyDefinition,
    createdBy: string | null,
  ): Promise<SurveyVersionEntity> {
    // Stored with `elements` only (SurveyJS's legacy `questions` read the same way), for every reader.
    const definition = normalizeLegacyElements(imported);
    // Lock the survey row so concurrent edits number their versions one after another.
    await this.rows.lock(manager, surveyId);
    const latest = await manager.findOne(SurveyVersionEntity, { where: { surveyId }, order: { number: 'DESC' } });
    const version: Omit<SurveyVersionEntity, 'createdAt'> = {
      id: randomUUID(),
      surveyId,
      number: (latest?.number ?? 0) + 1,
      definition,
      definitionHash: hashDefinition(definition),
      createdBy,
    };
    await manager.insert(SurveyVersionEntity, asInsert(version));
    return manager.findOneOrFail(SurveyVersionEntity, { where: { id: version.id } });
  }

  /** Creates a survey with its first version; the definition must compile. */
  async createSurvey(unclean: NewSurvey, existing?: EntityManager): Promise<SurveyEntity> {
    const input = { ...unclean, definition: sanitizeDefinitionHtml(unclean.definition).definition };
    compileSurvey(input.definition);
    const run = async (manager: EntityManager) => {
      const survey = manager.create(SurveyEntity, {
        id: randomUUID(),
        slug: input.slug,
        title: input.title,
        status: input.status ?? 'draft',
        locales: [...(input.locales ?? ['en'])],
        openedAt: input.status === 'open' ? this.clock.now() : null,
        fieldingVersion: input.status === 'open' || input.status === 'closed' ? 1 : null,
        createdBy: input.createdBy ?? null,
      });
      await manager.insert(SurveyEntity, survey);
      const version: Omit<SurveyVersionEntity, 'createdAt'> = {
        id: randomUUID(),
        surveyId: survey.id,
        number: 1,
        definition: normalizeLegacyElements(input.definition),
        definitionHash: hashDefinition(normalizeLegacyElements(input.definition)),
        createdBy: input.createdBy ?? null,
      };
      await manager.insert(SurveyVersionEntity, asInsert(version));
      return survey;
    };
    return existing ? run(existing) : this.transactions.run(run);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import {
  applyTranslations,
  compileSurvey,
  countMissingTranslations,
  diffDefinitions,
  InvalidDefinitionError,
  listTranslatableStrings,
  TranslationPathError,
  type DefinitionChange,
  type SurveyDefinition,
  type SurveyDetail,
  type SurveySummary,
  type SurveyVersionSummary,
  type TranslationsView,
  type UpdateDefinitionResult,
} from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { asInsert } from '../database/as-insert';
import type { StaffPrincipal } from '../common/staff-principal';
import type { CreateSurveyDto, UpdateSurveyDto, UpdateTranslationsDto } from './dto/survey-admin.dto';
import { toSurveyDetail, toSurveySummary } from './survey-admin.mapper';
import { SurveyVersionEntity } from './survey-version.entity';
import { SurveyEntity } from './survey.entity';
import { hashDefinition, SurveysService } from './surveys.service';

/** A blank survey: one empty page, ready for the designer. */
export const BLANK_DEFINITION: SurveyDefinition = {
  title: { default: 'New survey' },
  showQuestionNumbers: 'off',
  clearInvisibleValues: 'onHidden',
  pages: [{ name: 'page1', elements: [] }],
};

export function invalidDefinition(error: InvalidDefinitionError): DomainError {
  return new DomainError(
    'INVALID_DEFINITION',
    `The survey definition has ${error.problems.length} problem(s); nothing was saved.`,
    error.problems.map((p) => ({ path: p.path, code: 'INVALID_DEFINITION', message: p.message })),
  );
}

function compileOrThrow(definition: SurveyDefinition): void {
  try {
    compileSurvey(definition);
  } catch (error) {
    if (error instanceof InvalidDefinitionError) throw invalidDefinition(error);
    throw error;
  }
}

const notFound = () => new DomainError('NOT_FOUND', 'There is no such survey.');

/**
 * What researchers do to a survey's content: create it (blank, from JSON or from a
 * template), edit it, translate it, and read its versions. A version that has
 * responses, or belongs to a survey that has started fielding, is never changed: the
 * edit becomes a new version.
 */
@Injectable()
export class SurveyDesignService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly surveys: SurveysService,
    @InjectRepository(SurveyEntity) private readonly surveyRepo: Repository<SurveyEntity>,
    @InjectRepository(SurveyVersionEntity) private readonly versionRepo: Repository<SurveyVersionEntity>,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<SurveySummary[]> {
    const surveys = await this.surveyRepo.find({ order: { createdAt: 'DESC' } });
    const counts = await this.responseCounts();
    const latest: Array<{ survey_id: string; number: number }> = await this.dataSource.query(
      'SELECT survey_id, max(number)::int AS number FROM survey_version GROUP BY survey_id',
    );
    const latestBySurvey = new Map(latest.map((row) => [row.survey_id, row.number]));
    return surveys.map((survey) => toSurveySummary(survey, latestBySurvey.get(survey.id) ?? 1, counts.get(survey.id) ?? 0));
  }

  async detail(id: string, manager: EntityManager = this.dataSource.manager): Promise<SurveyDetail> {
    const survey = await manager.findOne(SurveyEntity, { where: { id } });
    if (!survey) throw notFound();
    const version = await manager.findOneOrFail(SurveyVersionEntity, { where: { surveyId: id }, order: { number: 'DESC' } });
    const counts = await this.responseCounts(id, manager);
    return toSurveyDetail(survey, version, counts.get(id) ?? 0);
  }

  async create(input: CreateSurveyDto, actor: StaffPrincipal): Promise<SurveyDetail> {
    if (input.source !== 'blank' && !input.definition) {
      throw new DomainError('VALIDATION_FAILED', 'A definition is needed to create a survey from JSON or a template.', [
        { path: 'definition', code: 'REQUIRED', message: 'definition is required for this source' },
      ]);
    }
    const definition = input.source === 'blank' ? BLANK_DEFINITION : (input.definition as SurveyDefinition);
    compileOrThrow(definition);
    if (await this.surveyRepo.exists({ where: { slug: input.slug } })) {
      throw new DomainError('CONFLICT', `The address /s/${input.slug} is taken; choose another.`, [{ path: 'slug', code: 'TAKEN', message: 'already used by another survey' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const survey = await this.surveys.createSurvey(
        { slug: input.slug, title: input.title, definition, status: 'draft', locales: input.locales ?? ['en', 'es'], createdBy: actor.userId },
        manager,
      );
      await this.audit.record({ actor, action: 'survey.create', targetType: 'survey', targetId: survey.id, details: { slug: input.slug, source: input.source } }, manager);
      return this.detail(survey.id, manager);
    });
  }

  async updateMeta(id: string, changes: UpdateSurveyDto, actor: StaffPrincipal): Promise<SurveyDetail> {
    return this.dataSource.transaction(async (manager) => {
      const survey = await this.lockSurvey(manager, id);
      const patch: Partial<SurveyEntity> = {};
      if (changes.title !== undefined) patch.title = changes.title.trim();
      if (changes.locales !== undefined) {
        if (!changes.locales.includes('en')) {
          throw new DomainError('VALIDATION_FAILED', 'English is the source language and cannot be removed.', [{ path: 'locales', code: 'SOURCE_LOCALE', message: 'must include en' }]);
        }
        patch.locales = ['en', ...changes.locales.filter((l) => l !== 'en')];
      }
      if (changes.slug !== undefined && changes.slug !== survey.slug) {
        if (survey.status !== 'draft') throw new DomainError('SETTINGS_LOCKED', 'The address cannot change once fielding has started: respondents have the link.');
        if (await manager.exists(SurveyEntity, { where: { slug: changes.slug } })) {
          throw new DomainError('CONFLICT', `The address /s/${changes.slug} is taken; choose another.`, [{ path: 'slug', code: 'TAKEN', message: 'already used' }]);
        }
        patch.slug = changes.slug;
      }
      if (Object.keys(patch).length > 0) {
        await manager.update(SurveyEntity, { id }, patch);
        await this.audit.record({ actor, action: 'survey.update', targetType: 'survey', targetId: id, details: { ...changes } }, manager);
      }
      return this.detail(id, manager);
    });
  }

  /**
   * Saves a new definition. In a draft whose current version has no responses, the
   * version is edited in place; otherwise a new version is added. A `baseVersion` older
   * than the current one means someone else saved meanwhile: refused, nothing lost.
   */
  async updateDefinition(id: string, definition: SurveyDefinition, baseVersion: number, actor: StaffPrincipal, action = 'survey.definition.update'): Promise<UpdateDefinitionResult> {
    compileOrThrow(definition);
    return this.dataSource.transaction(async (manager) => {
      const survey = await this.lockSurvey(manager, id);
      const current = await manager.findOneOrFail(SurveyVersionEntity, { where: { surveyId: id }, order: { number: 'DESC' } });
      if (baseVersion !== current.number) {
        throw new DomainError('CONFLICT', `The survey was saved by someone else meanwhile (now version ${current.number}). Reload it and apply your change again.`, [
          { path: 'baseVersion', code: 'STALE', message: `current version is ${current.number}` },
        ]);
      }
      const hash = hashDefinition(definition);
      if (hash === current.definitionHash) return { survey: await this.detail(id, manager), newVersion: false };
      const answered = await manager.query('SELECT 1 FROM response WHERE survey_version_id = $1 LIMIT 1', [current.id]);
      const inPlace = survey.status === 'draft' && answered.length === 0;
      if (inPlace) {
        await manager.update(SurveyVersionEntity, { id: current.id }, asInsert<Partial<SurveyVersionEntity>>({ definition, definitionHash: hash, createdBy: actor.userId }));
      } else {
        await this.surveys.addVersion(id, definition, actor.userId, manager);
      }
      await manager.update(SurveyEntity, { id }, { updatedAt: new Date() });
      await this.audit.record(
        { actor, action, targetType: 'survey', targetId: id, details: { version: inPlace ? current.number : current.number + 1, newVersion: !inPlace } },
        manager,
      );
      return { survey: await this.detail(id, manager), newVersion: !inPlace };
    });
  }

  async versions(id: string): Promise<SurveyVersionSummary[]> {
    await this.requireSurvey(id);
    const rows: Array<{ number: number; id: string; created_at: Date; created_by: string | null; responses: number }> = await this.dataSource.query(
      `SELECT v.number, v.id, v.created_at, u.email AS created_by,
              (SELECT count(*)::int FROM response r WHERE r.survey_version_id = v.id) AS responses
         FROM survey_version v LEFT JOIN staff_user u ON u.id = v.created_by
        WHERE v.survey_id = $1 ORDER BY v.number DESC`,
      [id],
    );
    return rows.map((row) => ({ number: row.number, id: row.id, createdAt: row.created_at.toISOString(), createdBy: row.created_by, responseCount: row.responses }));
  }

  async version(id: string, number: number): Promise<SurveyVersionEntity> {
    const version = await this.versionRepo.findOne({ where: { surveyId: id, number } });
    if (!version) throw new DomainError('NOT_FOUND', `This survey has no version ${number}.`);
    return version;
  }

  async diff(id: string, number: number, against?: number): Promise<{ from: number; to: number; changes: DefinitionChange[] }> {
    const from = against ?? number - 1;
    if (from < 1) throw new DomainError('VALIDATION_FAILED', 'Version 1 has nothing before it to compare with.', [{ path: 'against', code: 'NO_EARLIER_VERSION', message: 'give a version to compare with' }]);
    const [older, newer] = await Promise.all([this.version(id, from), this.version(id, number)]);
    return { from, to: number, changes: diffDefinitions(older.definition, newer.definition) };
  }

  async translations(id: string): Promise<TranslationsView> {
    const detail = await this.detail(id);
    return {
      locales: detail.locales,
      version: detail.currentVersion,
      strings: listTranslatableStrings(detail.definition),
      missing: countMissingTranslations(detail.definition, detail.locales),
    };
  }

  async updateTranslations(id: string, input: UpdateTranslationsDto, actor: StaffPrincipal): Promise<UpdateDefinitionResult> {
    const detail = await this.detail(id);
    if (!detail.locales.includes(input.locale)) {
      throw new DomainError('VALIDATION_FAILED', `The survey is not offered in "${input.locale}"; add the language first.`, [{ path: 'locale', code: 'NOT_OFFERED', message: 'not one of the survey’s languages' }]);
    }
    let translated: SurveyDefinition;
    try {
      translated = applyTranslations(detail.definition, input.locale, input.texts);
    } catch (error) {
      if (error instanceof TranslationPathError) {
        throw new DomainError('VALIDATION_FAILED', error.message, [{ path: `texts.${error.path}`, code: 'UNKNOWN_STRING', message: error.message }]);
      }
      throw new DomainError('VALIDATION_FAILED', (error as Error).message, [{ path: 'locale', code: 'INVALID', message: (error as Error).message }]);
    }
    return this.updateDefinition(id, translated, input.baseVersion, actor, 'survey.translations.update');
  }

  private async requireSurvey(id: string): Promise<SurveyEntity> {
    const survey = await this.surveyRepo.findOne({ where: { id } });
    if (!survey) throw notFound();
    return survey;
  }

  private async lockSurvey(manager: EntityManager, id: string): Promise<SurveyEntity> {
    const survey = await manager.findOne(SurveyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!survey) throw notFound();
    return survey;
  }

  private async responseCounts(surveyId?: string, manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    const rows: Array<{ survey_id: string; n: number }> = await manager.query(
      `SELECT v.survey_id, count(r.id)::int AS n FROM survey_version v JOIN response r ON r.survey_version_id = v.id
        ${surveyId ? 'WHERE v.survey_id = $1' : ''} GROUP BY v.survey_id`,
      surveyId ? [surveyId] : [],
    );
    return new Map(rows.map((row) => [row.survey_id, row.n]));
  }
}

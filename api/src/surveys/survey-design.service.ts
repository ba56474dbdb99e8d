import { Clock } from '../common/clock';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import {
  coarseCount,
  type CoarseCount,
  compileSurvey,
  diffDefinitions,
  hasFreeText,
  InvalidDefinitionError,
  isIsoLanguage,
  languageNameProblem,
  type DefinitionChange,
  type SurveyDefinition,
  type SurveyDetail,
  type SurveySummary,
  type SurveyVersionSummary,
  type UpdateDefinitionResult,
} from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { asInsert } from '../database/as-insert';
import type { StaffPrincipal } from '../common/staff-principal';
import type { CreateSurveyDto, UpdateSurveyDto } from './dto/survey-admin.dto';
import { toSurveyDetail, toSurveySummary } from './survey-admin.mapper';
import { SurveyVersionEntity } from './survey-version.entity';
import { SurveyEntity } from './survey.entity';
import { findSurvey } from './find-survey';
import { SurveyRepository } from './survey.repository';
import { hashDefinition, SurveysService } from './surveys.service';
import { sanitizeDefinitionHtml } from './researcher-html';
import { Transactions } from '../database/transactions';

/** Every survey language must be an ISO 639-1 code (Candor's own screens fall back to English for most). */
function checkLanguages(locales: readonly string[]): void {
  const unknown = locales.filter((code) => !isIsoLanguage(code));
  if (unknown.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Not an ISO 639-1 language code: ${unknown.map((code) => `"${code}"`).join(', ')}. Use the two-letter code, e.g. "pt" for Portuguese.`,
      unknown.map((code) => ({ path: 'locales', code: 'UNKNOWN_LANGUAGE', message: `"${code}" is not an ISO 639-1 code` })),
    );
  }
}

/** Names for offered languages only, each 1–60 characters of plain text; an empty name means "its own name". */
function checkLanguageNames(names: Readonly<Record<string, unknown>>, locales: readonly string[]): Record<string, string> {
  const problems: Array<{ path: string; code: string; message: string }> = [];
  const kept: Record<string, string> = {};
  for (const [code, name] of Object.entries(names)) {
    if (!locales.includes(code)) {
      problems.push({ path: `languageNames.${code}`, code: 'NOT_OFFERED', message: `"${code}" is not one of the survey's languages` });
      continue;
    }
    if (typeof name === 'string' && name.trim() === '') continue;
    const problem = languageNameProblem(name);
    if (problem) problems.push({ path: `languageNames.${code}`, code: 'INVALID_NAME', message: `the name ${problem}` });
    else kept[code] = (name as string).trim();
  }
  if (problems.length > 0)
    throw new DomainError('VALIDATION_FAILED', `Language names: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
  return kept;
}

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

/** Cleans the definition's HTML (see researcher-html.ts), compiles it, and returns what will be saved. */
function compileOrThrow(input: SurveyDefinition): SurveyDefinition {
  const { definition } = sanitizeDefinitionHtml(input);
  try {
    compileSurvey(definition);
    return definition;
  } catch (error) {
    if (error instanceof InvalidDefinitionError) throw invalidDefinition(error);
    throw error;
  }
}

/**
 * What researchers do to a survey's content: create it (blank, from JSON or from a
 * template), edit it, translate it, and read its versions. A version that has
 * responses, or belongs to a survey that has started fielding, is never changed: the
 * edit becomes a new version.
 */
@Injectable()
export class SurveyDesignService {
  constructor(
    private readonly transactions: Transactions,
    private readonly surveys: SurveysService,
    @InjectRepository(SurveyEntity) private readonly surveyRepo: Repository<SurveyEntity>,
    @InjectRepository(SurveyVersionEntity) private readonly versionRepo: Repository<SurveyVersionEntity>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly rows: SurveyRepository,
  ) {}

  async list(): Promise<SurveySummary[]> {
    const surveys = await this.surveyRepo.find({ order: { createdAt: 'DESC' } });
    const counts = await this.rows.responseCounts();
    const latestBySurvey = await this.rows.latestVersionNumbers();
    return surveys.map((survey) => toSurveySummary(survey, latestBySurvey.get(survey.id) ?? 1, counts.get(survey.id) ?? 0));
  }

  async detail(id: string, manager: EntityManager = this.transactions.manager): Promise<SurveyDetail> {
    const survey = await findSurvey(manager, id);
    const version = await manager.findOneOrFail(SurveyVersionEntity, { where: { surveyId: id }, order: { number: 'DESC' } });
    const counts = await this.rows.responseCounts(id, manager);
    return toSurveyDetail(survey, version, counts.get(id) ?? 0);
  }

  async create(input: CreateSurveyDto, actor: StaffPrincipal): Promise<SurveyDetail> {
    if (input.locales) checkLanguages(input.locales);
    if (input.source !== 'blank' && !input.definition) {
      throw new DomainError('VALIDATION_FAILED', 'A definition is needed to create a survey from JSON or a template.', [
        { path: 'definition', code: 'REQUIRED', message: 'definition is required for this source' },
      ]);
    }
    const definition = compileOrThrow(input.source === 'blank' ? BLANK_DEFINITION : (input.definition as SurveyDefinition));
    if (await this.surveyRepo.exists({ where: { slug: input.slug } })) {
      throw new DomainError('CONFLICT', `The address /s/${input.slug} is taken; choose another.`, [
        { path: 'slug', code: 'TAKEN', message: 'already used by another survey' },
      ]);
    }
    return this.transactions.run(async (manager) => {
      const survey = await this.surveys.createSurvey(
        {
          slug: input.slug,
          title: input.title,
          definition,
          status: 'draft',
          locales: input.locales ?? ['en', 'es'],
          createdBy: actor.userId,
        },
        manager,
      );
      await this.audit.record(
        { actor, action: 'survey.create', targetType: 'survey', targetId: survey.id, details: { slug: input.slug, source: input.source } },
        manager,
      );
      return this.detail(survey.id, manager);
    });
  }

  async updateMeta(id: string, changes: UpdateSurveyDto, actor: StaffPrincipal): Promise<SurveyDetail> {
    return this.transactions.run(async (manager) => {
      const survey = await findSurvey(manager, id, true);
      const patch: Partial<SurveyEntity> = {};
      if (changes.title !== undefined) patch.title = changes.title.trim();
      if (changes.locales !== undefined) {
        checkLanguages(changes.locales);
        if (!changes.locales.includes('en')) {
          throw new DomainError('VALIDATION_FAILED', 'English is the source language and cannot be removed.', [
            { path: 'locales', code: 'SOURCE_LOCALE', message: 'must include en' },
          ]);
        }
        patch.locales = ['en', ...changes.locales.filter((l) => l !== 'en')];
      }
      if (changes.languageNames !== undefined) {
        patch.languageNames = checkLanguageNames(changes.languageNames, patch.locales ?? survey.locales);
      } else if (patch.locales !== undefined) {
        // Names of languages no longer offered go with them.
        patch.languageNames = Object.fromEntries(
          Object.entries(survey.languageNames ?? {}).filter(([code]) => patch.locales?.includes(code)),
        );
      }
      if (changes.slug !== undefined && changes.slug !== survey.slug) {
        if (survey.status !== 'draft')
          throw new DomainError('SETTINGS_LOCKED', 'The address cannot change once fielding has started: respondents have the link.');
        if (await manager.exists(SurveyEntity, { where: { slug: changes.slug } })) {
          throw new DomainError('CONFLICT', `The address /s/${changes.slug} is taken; choose another.`, [
            { path: 'slug', code: 'TAKEN', message: 'already used' },
          ]);
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
  async updateDefinition(
    id: string,
    edited: SurveyDefinition,
    baseVersion: number,
    actor: StaffPrincipal,
    action = 'survey.definition.update',
    /** Runs in the same transaction, after the version check, whether or not the definition changed. */
    alongside?: (manager: EntityManager, saved: SurveyDefinition, survey: SurveyEntity) => Promise<void>,
  ): Promise<UpdateDefinitionResult> {
    const definition = compileOrThrow(edited);
    return this.transactions.run(async (manager) => {
      const survey = await findSurvey(manager, id, true);
      const current = await manager.findOneOrFail(SurveyVersionEntity, { where: { surveyId: id }, order: { number: 'DESC' } });
      if (baseVersion !== current.number) {
        throw new DomainError(
          'CONFLICT',
          `The survey was saved by someone else meanwhile (now version ${current.number}). Reload it and apply your change again.`,
          [{ path: 'baseVersion', code: 'STALE', message: `current version is ${current.number}` }],
        );
      }
      if (survey.status !== 'draft' && survey.researchPublicKey === null && hasFreeText(compileSurvey(definition))) {
        // The key can only be made in a draft: free text added to a fielded survey without one
        // would be stored as typed, readable by whoever holds the database.
        throw new DomainError(
          'RESEARCH_KEY_REQUIRED',
          'This survey has no research key, and one can only be made before fielding: a version that asks for free text cannot be added. Ask for it in a new survey.',
          [{ path: 'definition', code: 'RESEARCH_KEY_REQUIRED', message: 'free text needs a research key' }],
        );
      }
      const hash = hashDefinition(definition);
      if (alongside) await alongside(manager, definition, survey);
      if (hash === current.definitionHash) return { survey: await this.detail(id, manager), newVersion: false };
      const inPlace = survey.status === 'draft' && !(await this.rows.versionAnswered(manager, current.id));
      if (inPlace) {
        await manager.update(
          SurveyVersionEntity,
          { id: current.id },
          asInsert<Partial<SurveyVersionEntity>>({ definition, definitionHash: hash, createdBy: actor.userId }),
        );
      } else {
        await this.surveys.addVersion(id, definition, actor.userId, manager);
      }
      await manager.update(SurveyEntity, { id }, { updatedAt: this.clock.now() });
      await this.audit.record(
        {
          actor,
          action,
          targetType: 'survey',
          targetId: id,
          details: { version: inPlace ? current.number : current.number + 1, newVersion: !inPlace },
        },
        manager,
      );
      return { survey: await this.detail(id, manager), newVersion: !inPlace };
    });
  }

  async versions(id: string): Promise<SurveyVersionSummary[]> {
    const survey = await findSurvey(this.surveyRepo.manager, id);
    const rows = await this.rows.versionsWithCounts(id);
    // Only the latest version takes responses. Rounded on its own, its count would cross a
    // multiple of k at other moments than the survey's total does, and the two roundings together
    // would time single respondents. So it shows what the rounded total guarantees beyond the
    // earlier versions (rounded up): it moves only when the total's rounding moves.
    const earlier = rows.slice(1).reduce((sum, row) => sum + row.responses, 0);
    const step = Math.max(1, Math.floor(survey.k));
    const count = (row: (typeof rows)[number], index: number): CoarseCount => {
      if (index > 0 || earlier === 0) return coarseCount(row.responses, survey.k, survey.minResponses);
      const total = earlier + row.responses;
      return { atLeast: Math.max(0, Math.floor(total / step) * step - Math.ceil(earlier / step) * step), step, floorReached: false };
    };
    return rows.map((row, index) => ({
      number: row.number,
      id: row.id,
      createdAt: row.created_at.toISOString(),
      createdBy: row.created_by,
      responseCount: count(row, index),
    }));
  }

  async version(id: string, number: number): Promise<SurveyVersionEntity> {
    const version = await this.versionRepo.findOne({ where: { surveyId: id, number } });
    if (!version) throw new DomainError('NOT_FOUND', `This survey has no version ${number}.`);
    return version;
  }

  async diff(id: string, number: number, against?: number): Promise<{ from: number; to: number; changes: DefinitionChange[] }> {
    const from = against ?? number - 1;
    if (from < 1)
      throw new DomainError('VALIDATION_FAILED', 'Version 1 has nothing before it to compare with.', [
        { path: 'against', code: 'NO_EARLIER_VERSION', message: 'give a version to compare with' },
      ]);
    const [older, newer] = await Promise.all([this.version(id, from), this.version(id, number)]);
    return { from, to: number, changes: diffDefinitions(older.definition, newer.definition) };
  }
}

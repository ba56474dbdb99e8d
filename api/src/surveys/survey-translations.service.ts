import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import {
  applyTranslations,
  countMissingTranslations,
  listTranslatableStrings,
  parseTranslationCsv,
  recordTranslationSources,
  staleTranslations,
  TranslationImportError,
  TranslationPathError,
  translationsToCsv,
  type ImportTranslationsResult,
  type SurveyDefinition,
  type SurveyDetail,
  type TranslationsView,
  type UpdateDefinitionResult,
} from '@candor/shared';
import { DomainError } from '../common/domain-error';
import type { StaffPrincipal } from '../common/staff-principal';
import type { ImportTranslationsDto, UpdateTranslationsDto } from './dto/survey-admin.dto';
import { SurveyDesignService } from './survey-design.service';
import { SurveyEntity } from './survey.entity';

/**
 * Translations: every string beside its translations, what is missing and what went stale
 * (the source changed since it was translated), saving from the designer's tab, and a CSV
 * for translators out and back in. Every save goes through the designer's save (version
 * check, HTML cleaning, compile), with the source fingerprints written in the same transaction.
 */
@Injectable()
export class SurveyTranslationsService {
  constructor(
    private readonly design: SurveyDesignService,
    @InjectRepository(SurveyEntity) private readonly surveyRepo: Repository<SurveyEntity>,
  ) {}

  async view(id: string): Promise<TranslationsView> {
    const detail = await this.design.detail(id);
    const sources = await this.sources(id);
    const strings = listTranslatableStrings(detail.definition);
    return {
      locales: detail.locales,
      version: detail.currentVersion,
      strings,
      missing: countMissingTranslations(detail.definition, detail.locales),
      stale: Object.fromEntries(
        detail.locales.filter((l) => l !== 'en').map((locale) => [locale, staleTranslations(strings, sources, locale)]),
      ),
    };
  }

  async update(id: string, input: UpdateTranslationsDto, actor: StaffPrincipal): Promise<UpdateDefinitionResult> {
    const detail = await this.offered(id, input.locale);
    return this.save(detail, input.locale, input.texts, {}, input.baseVersion, actor, 'survey.translations.update');
  }

  async exportCsv(id: string, locale: string): Promise<{ filename: string; csv: string }> {
    const detail = await this.offered(id, locale);
    return {
      filename: `${detail.slug}-v${detail.currentVersion}-${locale}.csv`,
      csv: translationsToCsv(listTranslatableStrings(detail.definition), locale),
    };
  }

  async importCsv(id: string, input: ImportTranslationsDto, actor: StaffPrincipal): Promise<ImportTranslationsResult> {
    const detail = await this.offered(id, input.locale);
    let parsed: ReturnType<typeof parseTranslationCsv>;
    try {
      parsed = parseTranslationCsv(input.csv, input.locale, listTranslatableStrings(detail.definition));
    } catch (error) {
      if (error instanceof TranslationImportError) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `The file could not be imported; nothing was changed. ${error.problems
            .slice(0, 3)
            .map((p) => p.message)
            .join('; ')}${error.problems.length > 3 ? ` (and ${error.problems.length - 3} more)` : ''}.`,
          error.problems.map((p) => ({ path: `csv.line${p.line}`, code: p.code, message: p.message })),
        );
      }
      throw error;
    }
    const result = await this.save(
      detail,
      input.locale,
      parsed.texts,
      parsed.madeFrom,
      input.baseVersion,
      actor,
      'survey.translations.import',
    );
    return { ...result, imported: Object.keys(parsed.texts).length, skipped: parsed.skipped };
  }

  private async save(
    detail: SurveyDetail,
    locale: string,
    texts: Record<string, string>,
    madeFrom: Record<string, string>,
    baseVersion: number,
    actor: StaffPrincipal,
    action: string,
  ): Promise<UpdateDefinitionResult> {
    let translated: SurveyDefinition;
    try {
      translated = applyTranslations(detail.definition, locale, texts);
    } catch (error) {
      if (error instanceof TranslationPathError) {
        throw new DomainError('VALIDATION_FAILED', error.message, [
          { path: `texts.${error.path}`, code: 'UNKNOWN_STRING', message: error.message },
        ]);
      }
      throw new DomainError('VALIDATION_FAILED', (error as Error).message, [
        { path: 'locale', code: 'INVALID', message: (error as Error).message },
      ]);
    }
    const alongside = async (manager: EntityManager, saved: SurveyDefinition, survey: SurveyEntity) => {
      // The fingerprints of the sources as saved (after HTML cleaning) for the texts given.
      const strings = listTranslatableStrings(saved);
      const next = recordTranslationSources(strings, survey.translationSources ?? {}, locale, texts, madeFrom);
      await manager.update(SurveyEntity, { id: survey.id }, { translationSources: next });
    };
    return this.design.updateDefinition(detail.id, translated, baseVersion, actor, action, alongside);
  }

  private async offered(id: string, locale: string): Promise<SurveyDetail> {
    const detail = await this.design.detail(id);
    if (locale === 'en') {
      throw new DomainError('VALIDATION_FAILED', 'English is the source language: edit it in the designer.', [
        { path: 'locale', code: 'SOURCE_LOCALE', message: 'the source is not translated' },
      ]);
    }
    if (!detail.locales.includes(locale)) {
      throw new DomainError('VALIDATION_FAILED', `The survey is not offered in "${locale}"; add the language first.`, [
        { path: 'locale', code: 'NOT_OFFERED', message: 'not one of the survey’s languages' },
      ]);
    }
    return detail;
  }

  private async sources(id: string): Promise<Record<string, Record<string, string>>> {
    const survey = await this.surveyRepo.findOne({ where: { id }, select: { id: true, translationSources: true } });
    return survey?.translationSources ?? {};
  }
}

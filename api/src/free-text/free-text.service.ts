import { Injectable } from '@nestjs/common';
import {
  compileSurvey,
  freeTextFields,
  isSealedText,
  localize,
  type FreeTextField,
  type FreeTextFieldSummary,
  type SealedTexts,
  type ElementJson,
  type SurveyDefinition,
} from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import type { StaffPrincipal } from '../common/staff-principal';
import { ResponsesService } from '../responses/responses.service';
import { SurveyDesignService } from '../surveys/survey-design.service';
import { SurveysService } from '../surveys/surveys.service';

/**
 * The research team's reader of free text (issue 17). The server holds only sealed texts and
 * hands them out one field at a time, shuffled and bare; the browser opens them with the key
 * file. Every reading is written to the audit log. The texts come from the responses module,
 * the definitions from the surveys module: this module runs no SQL of its own.
 */
@Injectable()
export class FreeTextService {
  constructor(
    private readonly responses: ResponsesService,
    private readonly surveys: SurveysService,
    private readonly design: SurveyDesignService,
    private readonly audit: AuditService,
  ) {}

  /** The free-text fields of every version of the survey (newest first), each once. */
  async fields(surveyId: string): Promise<FreeTextFieldSummary[]> {
    const found = await this.fieldMap(surveyId);
    return [...found.values()].map(({ field, title }) => ({ key: field.key, question: field.question, title }));
  }

  /** One field's sealed texts, in random order; recorded in the audit log. */
  async read(surveyId: string, key: string, actor: StaffPrincipal): Promise<SealedTexts> {
    const found = (await this.fieldMap(surveyId)).get(key);
    if (!found)
      throw new DomainError('NOT_FOUND', 'This survey has no free-text field of that name.', [
        { path: 'key', code: 'UNKNOWN_FIELD', message: 'not a free-text field of this survey' },
      ]);
    const values = await this.responses.sealedTexts(surveyId, found.field.path);
    const pending = await this.responses.pendingCount(surveyId);
    await this.audit.record({ actor, action: 'survey.free_text.read', targetType: 'survey', targetId: surveyId, details: { field: key } });
    // A tag box with values of the respondent's own holds a list: its sealed items are the texts.
    const items = values.flatMap((value) => (Array.isArray(value) && found.field.offered ? (value as unknown[]) : [value]));
    // Only sealed texts: a survey fielded before research keys existed may hold plain ones, which this reader never shows.
    return { key, texts: items.filter((value) => isSealedText(value)), pending };
  }

  private async fieldMap(surveyId: string): Promise<Map<string, { field: FreeTextField; title: string }>> {
    await this.design.detail(surveyId);
    const found = new Map<string, { field: FreeTextField; title: string }>();
    for (const definition of await this.definitions(surveyId)) {
      let compiled;
      try {
        compiled = compileSurvey(definition);
      } catch {
        continue;
      }
      const titles = questionTitles(definition);
      for (const field of freeTextFields(compiled)) {
        if (!found.has(field.key)) found.set(field.key, { field, title: titles.get(field.question) ?? field.question });
      }
    }
    return found;
  }

  private definitions(surveyId: string): Promise<SurveyDefinition[]> {
    return this.surveys.versionDefinitions(surveyId);
  }
}

function questionTitles(definition: SurveyDefinition): Map<string, string> {
  const titles = new Map<string, string>();
  const visit = (elements: readonly ElementJson[] | undefined): void => {
    for (const element of elements ?? []) {
      if (typeof element.name === 'string')
        titles.set(element.name, element.title !== undefined ? localize(element.title, 'en') : element.name);
      if (Array.isArray(element.elements)) visit(element.elements as ElementJson[]);
    }
  };
  for (const page of definition.pages ?? []) visit(page.elements);
  visit(definition.elements);
  return titles;
}

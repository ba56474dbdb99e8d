import { useEffect, useMemo, useRef } from 'react';
import type { Model } from 'survey-core';
import type { IdentifyingKind, PublicSurvey } from '@candor/shared';
import { translate, type Locale } from '../../../lib/i18n/i18n';
import { createSurveyModel, protectFreeText } from '../../../lib/surveyjs/setup';

/**
 * One SurveyJS model per survey version, created once and disposed with the page
 * (STYLE.md habit 12). Answers live only in this model, in memory: nothing is written
 * to the device.
 */
export function useSurveyModel(survey: PublicSurvey | null, locale: Locale, initialData?: Record<string, unknown>): Model | null {
  const versionId = survey?.versionId;
  const language = useRef(locale);
  language.current = locale;
  const model = useMemo(() => {
    if (!survey) return null;
    const created = createSurveyModel(survey.definition, locale);
    const warning = (kinds: readonly IdentifyingKind[]) =>
      translate(language.current, 'identifying.warning', { kinds: kinds.map((kind) => translate(language.current, `identifying.${kind}`)).join(', ') });
    protectFreeText(created, warning);
    if (initialData) {
      created.data = initialData;
      created.clearIncorrectValues(true);
    }
    return created;
    // The model belongs to the version: a new version (or new data after an update) makes a new model.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [versionId, initialData]);

  useEffect(() => {
    if (model) model.locale = locale;
  }, [model, locale]);

  useEffect(() => () => model?.dispose(), [model]);
  return model;
}

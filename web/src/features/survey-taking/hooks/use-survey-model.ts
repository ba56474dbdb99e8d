import { useEffect, useMemo, useRef } from 'react';
import type { Model } from 'survey-core';
import { uiLocaleFor, type IdentifyingKind, type PublicSurvey } from '@candor/shared';
import { translate } from '../../../lib/i18n/i18n';
import { createSurveyModel, protectFreeText } from '../../../lib/surveyjs/setup';

/**
 * One SurveyJS model per survey version, created once and disposed with the page
 * (README, Architecture). Answers live only in this model, in memory: nothing is written
 * to the device.
 */
export function useSurveyModel(
  survey: PublicSurvey | null,
  /** The survey's language (any it is offered in); the warning speaks the matching UI language. */
  locale: string,
  initialData?: Record<string, unknown>,
  onWarning?: (text: string) => void,
): Model | null {
  const versionId = survey?.versionId;
  const language = useRef(locale);
  language.current = locale;
  const warningListener = useRef(onWarning);
  warningListener.current = onWarning;
  const model = useMemo(() => {
    if (!survey) return null;
    const created = createSurveyModel(survey.definition, locale);
    const warning = (kinds: readonly IdentifyingKind[]) =>
      translate(uiLocaleFor(language.current), 'identifying.warning', {
        kinds: kinds.map((kind) => translate(uiLocaleFor(language.current), `identifying.${kind}`)).join(', '),
      });
    protectFreeText(created, warning, (text) => warningListener.current?.(text));
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

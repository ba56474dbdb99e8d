import { useState } from 'react';
import type { SurveyDefinition, SurveyDetail, UpdateDefinitionResult } from '@candor/shared';
import { ApiError } from '../../../lib/api-client';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import type { Resource } from '../../../lib/staff/use-resource';
import { surveysApi } from '../api/surveys-api';

/**
 * Saving the draft and opening or closing the survey. A save based on an older version than
 * the stored one is not an error to show but a stale draft, which the page offers to reload.
 */
export function useSurveyActions(
  survey: Resource<SurveyDetail>,
  draft: SurveyDefinition | null,
  applyResult: (result: UpdateDefinitionResult) => void,
) {
  const { t } = useStaffTranslation();
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);

  const save = async () => {
    if (!survey.data || !draft) return;
    setError(null);
    try {
      applyResult(await surveysApi.saveDefinition(survey.data.id, draft, survey.data.currentVersion));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'CONFLICT' && caught.body?.details.some((d) => d.path === 'baseVersion'))
        setStale(true);
      else setError(caught);
    }
  };

  const transition = async (move: 'open' | 'close') => {
    if (!survey.data) return;
    if (!window.confirm(move === 'open' ? t('editor.confirmOpen') : t('editor.confirmClose'))) return;
    setError(null);
    try {
      survey.set(move === 'open' ? await surveysApi.open(survey.data.id) : await surveysApi.close(survey.data.id));
    } catch (caught) {
      setError(caught);
    }
  };

  return { error, setError, stale, setStale, save, transition };
}

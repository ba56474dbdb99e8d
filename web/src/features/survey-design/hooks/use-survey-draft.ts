import { useCallback, useEffect, useState } from 'react';
import type { SurveyDefinition, UpdateDefinitionResult } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { surveysApi } from '../api/surveys-api';
import { normalizeDefinition } from '../model/definition-model';

/**
 * One survey and the definition being edited: the draft follows the stored survey until the
 * first edit, and again once it is saved (as a new version or in place, which the notice says).
 */
export function useSurveyDraft(id: string) {
  const { t } = useStaffTranslation();
  const survey = useResource(() => surveysApi.detail(id), [id]);
  const [draft, setDraft] = useState<SurveyDefinition | null>(null);
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    if (survey.data && !dirty) setDraft(normalizeDefinition(survey.data.definition));
  }, [survey.data, dirty]);

  const edit = useCallback((definition: SurveyDefinition) => {
    setDraft(definition);
    setDirty(true);
    setNotice('');
  }, []);

  const applyResult = (result: UpdateDefinitionResult) => {
    survey.set(result.survey);
    setDirty(false);
    setDraft(normalizeDefinition(result.survey.definition));
    setNotice(result.newVersion ? t('editor.newVersion', { version: result.survey.currentVersion }) : t('editor.savedInPlace'));
  };

  /** Drops the unsaved edits and loads the survey as stored now. */
  const discard = () => {
    setDirty(false);
    void survey.reload();
  };

  return { survey, draft, dirty, notice, edit, applyResult, discard };
}

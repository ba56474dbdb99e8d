import { useCallback, useEffect, useState } from 'react';
import type { PublicSurvey } from '@candor/shared';
import { SURVEYJS_READY } from '../../../boot/events';
import { useTranslation } from '../../../lib/i18n/i18n';
import { fetchSurvey } from '../api/survey-api';
import { loadFailurePhase, type Phase } from '../model/phase';
import { useContentLocale } from './use-content-locale';
import { useFirstPage } from './use-first-page';
import { usePageProgress } from './use-page-progress';
import { useProofOfWork } from './use-proof-of-work';
import { useSubmission } from './use-submission';
import { useSurveyModel } from './use-survey-model';

/** The open survey at `slug`: loading it, the respondent's phase, the model, and sending once. */
export function useSurveyTaking(slug: string) {
  const { locale, t } = useTranslation();
  const [survey, setSurvey] = useState<PublicSurvey | null>(null);
  // The survey's own words may be in any language it is offered in; Candor's own (buttons,
  // notices) are in English or Spanish, English where it has none for that language.
  const surveyLocale = useContentLocale(survey, locale);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [carriedAnswers, setCarriedAnswers] = useState<Record<string, unknown> | undefined>(undefined);
  const [updatedNotice, setUpdatedNotice] = useState(false);
  const [outreachCode, setOutreachCode] = useState('');
  const [warning, setWarning] = useState('');
  const model = useSurveyModel(survey, surveyLocale, carriedAnswers, setWarning);
  const onFirstPage = useFirstPage(model);
  const progress = usePageProgress(model, survey?.definition, model?.pageNextText ?? t('survey.send'), t('survey.send'));
  const { proof, startProof } = useProofOfWork(slug);

  const load = useCallback(async () => {
    setPhase({ kind: 'loading' });
    try {
      const loaded = await fetchSurvey(slug);
      setSurvey(loaded);
      if (loaded.protection.proofOfWork) startProof();
      setPhase({ kind: 'answering' });
    } catch (error) {
      setPhase(loadFailurePhase(error));
    }
  }, [slug, startProof]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  // Loaded behind the server-rendered page of the shared link: it takes over once this is on screen.
  useEffect(() => {
    if (phase.kind === 'answering' && model) document.dispatchEvent(new Event(SURVEYJS_READY));
  }, [phase.kind, model]);

  const onNewVersion = useCallback((fresh: PublicSurvey, answers: Record<string, unknown>) => {
    setCarriedAnswers({ ...answers });
    setSurvey(fresh);
    setUpdatedNotice(true);
    setPhase({ kind: 'answering' });
  }, []);
  const submission = useSubmission({ slug, survey, model, outreachCode, proof, startProof, setPhase, onNewVersion });

  const backToAnswers = useCallback(() => {
    model?.clear(false, true);
    setPhase({ kind: 'answering' });
  }, [model]);

  return {
    ...submission,
    survey,
    surveyLocale,
    phase,
    updatedNotice,
    outreachCode,
    setOutreachCode,
    warning,
    model,
    onFirstPage,
    progress,
    load,
    backToAnswers,
  };
}

export type SurveyTaking = ReturnType<typeof useSurveyTaking>;

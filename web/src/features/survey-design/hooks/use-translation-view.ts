import { useMemo, useState } from 'react';
import type { SurveyDetail } from '@candor/shared';
import { useResource } from '../../../lib/staff/use-resource';
import { surveysApi } from '../api/surveys-api';

/**
 * The survey's strings for translating, reloaded with every saved version: the language chosen
 * (the first one besides English until another is), which strings went stale in it, and the
 * strings shown (all, or only those missing or stale).
 */
export function useTranslationView(survey: SurveyDetail) {
  const view = useResource(() => surveysApi.translations(survey.id), [survey.id, survey.currentVersion, survey.updatedAt]);
  const targets = survey.locales.filter((locale) => locale !== 'en');
  const [chosen, setChosen] = useState(targets[0] ?? '');
  const locale = targets.includes(chosen) ? chosen : (targets[0] ?? '');
  const [onlyMissing, setOnlyMissing] = useState(false);

  const stale = useMemo(() => new Set(view.data?.stale[locale] ?? []), [view.data, locale]);
  const strings = useMemo(
    () => (view.data?.strings ?? []).filter((s) => !onlyMissing || !(s.translations[locale] ?? '').trim() || stale.has(s.path)),
    [view.data, onlyMissing, locale, stale],
  );

  return { view, targets, locale, setChosen, onlyMissing, setOnlyMissing, stale, strings };
}

import { useEffect, useMemo } from 'react';
import type { IdentifyingKind } from '@candor/shared';
import { translate } from '../../../lib/i18n/i18n';
import { createSurveyModel, protectFreeText } from '../../../lib/surveyjs/setup';
import type { StoredDevice } from '../model/device-store';

/** The SurveyJS model of the prepared survey, with the free-text warning; disposed when replaced. */
export function useDeviceSurveyModel(device: StoredDevice | null | undefined) {
  const model = useMemo(() => {
    if (!device) return null;
    const created = createSurveyModel(device.survey.definition, 'en');
    const warning = (kinds: readonly IdentifyingKind[]) =>
      translate(created.locale === 'es' ? 'es' : 'en', 'identifying.warning', {
        kinds: kinds.map((kind) => translate(created.locale === 'es' ? 'es' : 'en', `identifying.${kind}`)).join(', '),
      });
    protectFreeText(created, warning);
    return created;
    // One model per survey version (README, Architecture), blanked between respondents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [device?.survey.versionId]);
  useEffect(() => () => model?.dispose(), [model]);
  return model;
}

import { useEffect, useMemo, useState } from 'react';
import { Survey } from 'survey-react-ui';
import type { SurveyDefinition } from '@candor/shared';
import { createSurveyModel } from '../../../lib/surveyjs/setup';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';

interface SurveyPreviewProps {
  readonly definition: SurveyDefinition;
  readonly locales: readonly string[];
}

/** Live preview with survey-react-ui, exactly as respondents see it; nothing is submitted. */
export function SurveyPreview({ definition, locales }: SurveyPreviewProps) {
  const { t } = useStaffTranslation();
  const [locale, setLocale] = useState(locales[0] ?? 'en');
  const [shown, setShown] = useState(definition);

  // Rebuild the model only when editing pauses, not on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setShown(definition), 400);
    return () => clearTimeout(timer);
  }, [definition]);

  const model = useMemo(() => {
    const created = createSurveyModel(shown, 'en');
    created.onComplete.add((sender) => sender.clear(false, true));
    return created;
  }, [shown]);

  useEffect(() => {
    model.locale = locale;
  }, [model, locale]);

  useEffect(() => () => model.dispose(), [model]);

  return (
    <section className="preview" aria-label={t('designer.preview')}>
      <div className="preview-bar">
        <strong>{t('designer.preview')}</strong>
        <small>{t('designer.previewNote')}</small>
        {locales.length > 1 && (
          <select aria-label={t('common.language')} value={locale} onChange={(e) => setLocale(e.target.value)}>
            {locales.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        )}
      </div>
      <Survey model={model} />
    </section>
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import { Survey } from 'survey-react-ui';
import type { SurveyDefinition } from '@candor/shared';
import { createSurveyModel } from '../../../lib/surveyjs/setup';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';

interface SurveyPreviewProps {
  readonly definition: SurveyDefinition;
  readonly locales: readonly string[];
  /** The question being edited: the preview shows its page. */
  readonly focus?: string | null;
}

/** Live preview with survey-react-ui, exactly as respondents see it; nothing is submitted. */
export function SurveyPreview({ definition, locales, focus = null }: SurveyPreviewProps) {
  const { t } = useStaffTranslation();
  const [locale, setLocale] = useState(locales[0] ?? 'en');
  const [shown, setShown] = useState(definition);

  // Rebuild the model only when editing pauses, not on every keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setShown(definition), 400);
    return () => clearTimeout(timer);
  }, [definition]);

  // The page on show, by name, so that a rebuilt model (after an edit) opens where the last one was.
  const pageName = useRef<string | null>(null);
  const model = useMemo(() => {
    const created = createSurveyModel(shown, 'en');
    created.onComplete.add((sender) => sender.clear(false, true));
    created.onCurrentPageChanged.add((sender) => {
      pageName.current = sender.currentPage?.name ?? null;
    });
    return created;
  }, [shown]);

  // Follow the question being edited; otherwise stay on the page shown before the edit.
  useEffect(() => {
    const question = focus ? model.getQuestionByName(focus) : null;
    const page = question?.page ?? (pageName.current ? model.getPageByName(pageName.current) : null);
    if (!page) return;
    // A page or question hidden by skip logic is shown anyway while it is being edited.
    if (!page.isVisible || (question && !question.isVisible)) model.showInvisibleElements = true;
    if (model.currentPage !== page) model.currentPage = page;
    pageName.current = page.name;
  }, [model, focus]);

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

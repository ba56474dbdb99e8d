import type { ElementJson, LocalizableString } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { htmlToText, setSourceText, sourceText, textToHtml } from '../model/localized-text';

interface QuestionTextFieldsProps {
  readonly element: ElementJson;
  readonly onChange: (patch: Record<string, unknown>) => void;
}

/** What respondents read: information text (edited as text, stored as escaped HTML), or a question's title, description and whether it is required. */
export function QuestionTextFields({ element, onChange }: QuestionTextFieldsProps) {
  const { t } = useStaffTranslation();
  const text = (key: string) => sourceText(element[key] as LocalizableString | undefined);
  const setText = (key: string, value: string) =>
    onChange({ [key]: value === '' && key !== 'title' ? undefined : setSourceText(element[key] as LocalizableString | undefined, value) });

  if (element.type === 'html')
    return (
      <label>
        {t('designer.infoText')}
        <textarea
          rows={6}
          value={htmlToText(text('html'))}
          onChange={(e) => onChange({ html: setSourceText(element['html'] as LocalizableString | undefined, textToHtml(e.target.value)) })}
        />
      </label>
    );
  return (
    <>
      <label>
        {t('designer.questionTitle')}
        <textarea rows={2} value={text('title')} onChange={(e) => setText('title', e.target.value)} />
      </label>
      <label>
        {t('designer.description')}
        <input value={text('description')} onChange={(e) => setText('description', e.target.value)} />
      </label>
      {element.type !== 'panel' && (
        <label className="inline">
          <input
            type="checkbox"
            checked={element.isRequired === true}
            onChange={(e) => onChange({ isRequired: e.target.checked || undefined })}
          />
          {t('designer.required')}
        </label>
      )}
    </>
  );
}

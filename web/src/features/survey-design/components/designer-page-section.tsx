import type { PageJson, SurveyDefinition } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { addQuestion, removePage, updatePage, type QuestionTemplate } from '../model/definition-model';
import { setSourceText, sourceText } from '../model/localized-text';
import { ElementList } from './element-list';
import { VisibilityEditor } from './visibility-editor';

const TEMPLATES: readonly QuestionTemplate[] = ['single', 'multiple', 'ordinal', 'banded', 'pair', 'matrix', 'freeText', 'info'];

interface DesignerPageSectionProps {
  readonly definition: SurveyDefinition;
  readonly page: PageJson;
  readonly pageIndex: number;
  readonly selected: string | null;
  readonly onSelect: (name: string | null) => void;
  /** The kind of question the "add question" button adds to this page. */
  readonly template: QuestionTemplate;
  readonly onTemplate: (template: QuestionTemplate) => void;
  readonly onChange: (definition: SurveyDefinition) => void;
}

/** One page of the designer: its title, when it shows, its elements, and adding a question. */
export function DesignerPageSection(props: DesignerPageSectionProps) {
  const { definition, page, pageIndex, selected, onSelect, onChange } = props;
  const { t } = useStaffTranslation();
  return (
    <section className="designer-page" aria-label={t('designer.page', { number: pageIndex + 1 })}>
      <div className="row">
        <strong>{t('designer.page', { number: pageIndex + 1 })}</strong>
        <button type="button" className="button--link" onClick={() => onChange(removePage(definition, pageIndex))}>
          {t('designer.deletePage')}
        </button>
      </div>
      <label>
        {t('designer.pageTitle')}
        <input
          value={sourceText(page.title)}
          onChange={(e) =>
            onChange(
              updatePage(definition, pageIndex, {
                title: e.target.value === '' ? undefined : setSourceText(page.title, e.target.value),
              }),
            )
          }
        />
      </label>
      <VisibilityEditor
        definition={definition}
        expression={page.visibleIf}
        onChange={(visibleIf) => onChange(updatePage(definition, pageIndex, { visibleIf }))}
      />
      {(page.elements ?? []).length === 0 ? (
        <p className="hint">{t('designer.empty')}</p>
      ) : (
        <ElementList
          definition={definition}
          elements={page.elements}
          depth={0}
          selected={selected}
          onSelect={onSelect}
          onChange={onChange}
        />
      )}
      <AddQuestionRow {...props} />
    </section>
  );
}

/** The question kind to add, and the button that adds it at the end of the page and selects it. */
function AddQuestionRow({ definition, pageIndex, template, onTemplate, onSelect, onChange }: DesignerPageSectionProps) {
  const { t } = useStaffTranslation();
  return (
    <div className="row">
      <select
        aria-label={`${t('designer.addQuestion')} (${t('designer.page', { number: pageIndex + 1 })})`}
        value={template}
        onChange={(e) => onTemplate(e.target.value as QuestionTemplate)}
      >
        {TEMPLATES.map((option) => (
          <option key={option} value={option}>
            {t(`designer.type.${option}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button--secondary"
        onClick={() => {
          const result = addQuestion(definition, pageIndex, template);
          onChange(result.definition);
          onSelect(result.name);
        }}
      >
        {t('designer.addQuestion')}
      </button>
    </div>
  );
}

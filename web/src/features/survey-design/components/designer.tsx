import { useState } from 'react';
import type { SurveyDefinition } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { addPage, findElement, renameElement, updateElement, type QuestionTemplate } from '../model/definition-model';
import { DesignerPageSection } from './designer-page-section';
import { QuestionEditor } from './question-editor';
import { SurveyPreview } from './survey-preview';

interface DesignerProps {
  readonly definition: SurveyDefinition;
  readonly locales: readonly string[];
  readonly onChange: (definition: SurveyDefinition) => void;
}

/**
 * The questionnaire designer: pages and questions (add, move, delete), an editor for the
 * selected question, and a live preview rendered by survey-react-ui.
 */
export function Designer({ definition, locales, onChange }: DesignerProps) {
  const { t } = useStaffTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  const [adding, setAdding] = useState<Record<number, QuestionTemplate>>({});
  const pages = definition.pages ?? [];
  const element = selected ? findElement(definition, selected) : undefined;

  return (
    <div className="designer">
      <div className="designer-structure">
        <h2>{t('designer.pages')}</h2>
        {pages.map((page, pageIndex) => (
          <DesignerPageSection
            key={page.name ?? pageIndex}
            definition={definition}
            page={page}
            pageIndex={pageIndex}
            selected={selected}
            onSelect={setSelected}
            template={adding[pageIndex] ?? 'single'}
            onTemplate={(template) => setAdding({ ...adding, [pageIndex]: template })}
            onChange={onChange}
          />
        ))}
        <button type="button" className="button--secondary" onClick={() => onChange(addPage(definition))}>
          {t('designer.addPage')}
        </button>
      </div>

      <div className="designer-editor">
        {element ? (
          <QuestionEditor
            definition={definition}
            element={element}
            onChange={(patch) => onChange(updateElement(definition, element.name as string, patch))}
            onRename={(to) => {
              onChange(renameElement(definition, element.name as string, to));
              setSelected(to);
            }}
          />
        ) : (
          <p className="hint">{t('designer.select')}</p>
        )}
      </div>

      <div className="designer-preview">
        <SurveyPreview definition={definition} locales={locales} focus={selected} />
      </div>
    </div>
  );
}

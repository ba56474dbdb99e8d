import { useState } from 'react';
import type { ElementJson, SurveyDefinition } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import {
  addPage,
  addQuestion,
  elementTypeName,
  findElement,
  moveElement,
  removeElement,
  removePage,
  renameElement,
  setSourceText,
  sourceText,
  updateElement,
  updatePage,
  type QuestionTemplate,
} from '../model/definition-model';
import { QuestionEditor } from './question-editor';
import { SurveyPreview } from './survey-preview';
import { VisibilityEditor } from './visibility-editor';

const TEMPLATES: readonly QuestionTemplate[] = ['single', 'multiple', 'ordinal', 'banded', 'pair', 'matrix', 'freeText', 'info'];

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
  const typeLabel = (type: string) => {
    const known = elementTypeName(type);
    return known ? t(`designer.type.${known}`) : type;
  };

  const renderElements = (elements: readonly ElementJson[] | undefined, depth: number) => (
    <ul className="element-list">
      {(elements ?? []).map((item) => {
        const name = item.name ?? '';
        const label = sourceText(item.title) || name;
        return (
          <li key={name} className={selected === name ? 'selected' : undefined}>
            <div className="row">
              <button
                type="button"
                className="button--link element-select"
                title={label}
                aria-pressed={selected === name}
                onClick={() => setSelected(name)}
              >
                <span className="element-type">{typeLabel(item.type)}</span> {label}
              </button>
              <button
                type="button"
                className="button--icon"
                aria-label={`${t('common.moveUp')}: ${name}`}
                onClick={() => onChange(moveElement(definition, name, -1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="button--icon"
                aria-label={`${t('common.moveDown')}: ${name}`}
                onClick={() => onChange(moveElement(definition, name, 1))}
              >
                ↓
              </button>
              <button
                type="button"
                className="button--icon"
                aria-label={`${t('common.delete')}: ${name}`}
                onClick={() => {
                  if (!window.confirm(t('designer.confirmDelete', { name }))) return;
                  if (selected === name) setSelected(null);
                  onChange(removeElement(definition, name));
                }}
              >
                ✕
              </button>
            </div>
            {item.type === 'panel' && depth < 3 && renderElements(item.elements, depth + 1)}
          </li>
        );
      })}
    </ul>
  );

  return (
    <div className="designer">
      <div className="designer-structure">
        <h2>{t('designer.pages')}</h2>
        {pages.map((page, pageIndex) => (
          <section key={page.name ?? pageIndex} className="designer-page" aria-label={t('designer.page', { number: pageIndex + 1 })}>
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
            {(page.elements ?? []).length === 0 ? <p className="hint">{t('designer.empty')}</p> : renderElements(page.elements, 0)}
            <div className="row">
              <select
                aria-label={`${t('designer.addQuestion')} (${t('designer.page', { number: pageIndex + 1 })})`}
                value={adding[pageIndex] ?? 'single'}
                onChange={(e) => setAdding({ ...adding, [pageIndex]: e.target.value as QuestionTemplate })}
              >
                {TEMPLATES.map((template) => (
                  <option key={template} value={template}>
                    {t(`designer.type.${template}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button--secondary"
                onClick={() => {
                  const result = addQuestion(definition, pageIndex, adding[pageIndex] ?? 'single');
                  onChange(result.definition);
                  setSelected(result.name);
                }}
              >
                {t('designer.addQuestion')}
              </button>
            </div>
          </section>
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

import { useEffect, useState } from 'react';
import {
  PAIR_SUFFIXES,
  isAcceptableQuestionName,
  refuseItem,
  type ChoiceJson,
  type ElementJson,
  type LocalizableString,
  type SurveyDefinition,
} from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { elementNames, htmlToText, pairPartner, setSourceText, sourceText, textToHtml } from '../model/definition-model';
import { ChoicesEditor } from './choices-editor';
import { VisibilityEditor } from './visibility-editor';

interface QuestionEditorProps {
  readonly definition: SurveyDefinition;
  readonly element: ElementJson;
  readonly onChange: (patch: Record<string, unknown>) => void;
  readonly onRename: (to: string) => void;
}

const CHOICE_TYPES = new Set(['radiogroup', 'checkbox', 'dropdown', 'tagbox']);

/** Edits one question or element; pair halves share their answers. */
export function QuestionEditor({ definition, element, onChange, onRename }: QuestionEditorProps) {
  const { t } = useStaffTranslation();
  const name = element.name ?? '';
  const [draftName, setDraftName] = useState(name);
  useEffect(() => setDraftName(name), [name]);
  const nameTaken = draftName !== name && elementNames(definition).includes(draftName);
  // The server's rule: imported names may hold spaces and hyphens ("Care Provider", "price-to-competitors").
  const nameValid = isAcceptableQuestionName(draftName) && !nameTaken;
  const partner = pairPartner(definition, name);
  const stem = partner ? name.replace(/__(before|after)$/, '') : null;
  const text = (key: string) => sourceText(element[key] as LocalizableString | undefined);
  const setText = (key: string, value: string) =>
    onChange({ [key]: value === '' && key !== 'title' ? undefined : setSourceText(element[key] as LocalizableString | undefined, value) });

  return (
    <div className="question-editor">
      <label>
        {t('designer.name')}
        <input
          className="code"
          value={draftName}
          aria-invalid={!nameValid}
          onChange={(e) => setDraftName(e.target.value)}
          onBlur={() => {
            if (nameValid && draftName !== name) onRename(draftName);
            else setDraftName(name);
          }}
        />
        <small>{t('designer.nameHelp')}</small>
      </label>
      {stem && <p className="notice">{t('designer.pairNote', { stem })}</p>}

      {element.type === 'html' ? (
        <label>
          {t('designer.infoText')}
          <textarea
            rows={6}
            value={htmlToText(text('html'))}
            onChange={(e) =>
              onChange({ html: setSourceText(element['html'] as LocalizableString | undefined, textToHtml(e.target.value)) })
            }
          />
        </label>
      ) : (
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
      )}

      {CHOICE_TYPES.has(element.type) && (
        <>
          <label className="inline">
            <input
              type="checkbox"
              checked={element['showRefuseItem'] === true}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? {
                        showRefuseItem: true,
                        refuseText: element['refuseText'] ?? refuseItem().refuseText,
                      }
                    : { showRefuseItem: undefined, refuseText: undefined },
                )
              }
            />
            {t('designer.refuse')}
          </label>
          {element.type === 'checkbox' && (
            <label className="inline">
              <input
                type="checkbox"
                checked={element['showNoneItem'] === true}
                onChange={(e) => onChange({ showNoneItem: e.target.checked || undefined })}
              />
              {t('designer.none')}
            </label>
          )}
          <ChoicesEditor
            label={t('designer.choices')}
            choices={element.choices ?? []}
            presets
            onChange={(choices: ChoiceJson[]) => onChange({ choices })}
          />
        </>
      )}

      {element.type === 'matrix' && (
        <>
          <ChoicesEditor label={t('designer.rows')} choices={element.rows ?? []} onChange={(rows) => onChange({ rows })} />
          <ChoicesEditor
            label={t('designer.columns')}
            choices={element.columns ?? []}
            presets
            onChange={(columns) => onChange({ columns })}
          />
        </>
      )}

      {(element.type === 'comment' || element.type === 'text') && (
        <label>
          {t('designer.maxLength')}
          <input
            type="number"
            min={1}
            max={2000}
            value={Number(element['maxLength'] ?? 1000)}
            onChange={(e) => onChange({ maxLength: Number(e.target.value) || undefined })}
          />
        </label>
      )}

      <VisibilityEditor
        definition={definition}
        self={name}
        expression={element.visibleIf}
        onChange={(visibleIf) => onChange({ visibleIf })}
      />
      {partner && name.endsWith(PAIR_SUFFIXES.before) && <p className="hint">↔ {partner}</p>}
    </div>
  );
}

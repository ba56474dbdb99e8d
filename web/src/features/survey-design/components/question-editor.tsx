import { PAIR_SUFFIXES, refuseItem, type ChoiceJson, type ElementJson, type SurveyDefinition } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { pairPartner } from '../model/definition-model';
import { ChoicesEditor } from './choices-editor';
import { MatrixFields, MaxLengthField } from './question-kind-fields';
import { QuestionNameField } from './question-name-field';
import { QuestionTextFields } from './question-text-fields';
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
  const partner = pairPartner(definition, name);
  const stem = partner ? name.replace(/__(before|after)$/, '') : null;

  return (
    <div className="question-editor">
      <QuestionNameField definition={definition} name={name} onRename={onRename} />
      {stem && <p className="notice">{t('designer.pairNote', { stem })}</p>}

      <QuestionTextFields element={element} onChange={onChange} />

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

      {element.type === 'matrix' && <MatrixFields element={element} onChange={onChange} />}

      {(element.type === 'comment' || element.type === 'text') && <MaxLengthField element={element} onChange={onChange} />}

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

import type { ChoiceJson, LocalizableString } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { CHOICE_PRESETS } from '../model/definition-model';
import { setSourceText, sourceText } from '../model/localized-text';

interface ChoicesEditorProps {
  readonly label: string;
  readonly choices: readonly ChoiceJson[];
  readonly onChange: (choices: ChoiceJson[]) => void;
  readonly presets?: boolean;
}

type Item = { value: string | number; text?: LocalizableString };

const asItem = (choice: ChoiceJson): Item =>
  typeof choice === 'object' ? { ...choice } : { value: choice, text: { default: String(choice) } };

/** Edits answers (values are what is stored; texts are what respondents read). */
export function ChoicesEditor({ label, choices, onChange, presets = false }: ChoicesEditorProps) {
  const { t } = useStaffTranslation();
  const items = choices.map(asItem);
  const update = (index: number, patch: Partial<Item>) => onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const target = index + by;
    if (target < 0 || target >= next.length) return;
    [next[index], next[target]] = [next[target] as Item, next[index] as Item];
    onChange(next);
  };
  const used = new Set(items.map((item) => String(item.value)));
  const nextValue = () => {
    let n = items.length + 1;
    while (used.has(`option${n}`)) n++;
    return `option${n}`;
  };

  return (
    <fieldset className="choices-editor">
      <legend>{label}</legend>
      {presets && <ChoicePresets onChange={onChange} />}
      <ol>
        {items.map((item, index) => (
          <ChoiceRow
            key={index}
            item={item}
            index={index}
            onUpdate={(patch) => update(index, patch)}
            onMove={(by) => move(index, by)}
            onDelete={() => onChange(items.filter((_, i) => i !== index))}
          />
        ))}
      </ol>
      <button
        type="button"
        className="button--secondary"
        onClick={() => onChange([...items, { value: nextValue(), text: { default: '' } }])}
      >
        {t('designer.addChoice')}
      </button>
    </fieldset>
  );
}

/** One-click answer sets researchers reuse (frequency, ability, yes/no). */
function ChoicePresets({ onChange }: { readonly onChange: (choices: ChoiceJson[]) => void }) {
  const { t } = useStaffTranslation();
  return (
    <div className="row">
      <span>{t('designer.preset')}:</span>
      {(['frequency', 'ability', 'yesNo'] as const).map((preset) => (
        <button
          key={preset}
          type="button"
          className="button--link"
          onClick={() => onChange(JSON.parse(JSON.stringify(CHOICE_PRESETS[preset])))}
        >
          {t(`designer.preset.${preset}`)}
        </button>
      ))}
    </div>
  );
}

interface ChoiceRowProps {
  readonly item: Item;
  readonly index: number;
  readonly onUpdate: (patch: Partial<Item>) => void;
  readonly onMove: (by: -1 | 1) => void;
  readonly onDelete: () => void;
}

/** One answer: its text, its stored value (kept to safe characters), and move/delete buttons. */
function ChoiceRow({ item, index, onUpdate, onMove, onDelete }: ChoiceRowProps) {
  const { t } = useStaffTranslation();
  return (
    <li className="row">
      <input
        aria-label={`${t('designer.choiceText')} ${index + 1}`}
        value={sourceText(item.text) || String(item.value)}
        onChange={(e) => onUpdate({ text: setSourceText(item.text, e.target.value) })}
      />
      <input
        aria-label={`${t('designer.choiceValue')} ${index + 1}`}
        className="code narrow"
        value={String(item.value)}
        onChange={(e) => onUpdate({ value: e.target.value.replace(/[^A-Za-z0-9_-]/g, '_') })}
      />
      <button
        type="button"
        className="button--icon"
        aria-label={`${t('common.moveUp')}: ${sourceText(item.text)}`}
        onClick={() => onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="button--icon"
        aria-label={`${t('common.moveDown')}: ${sourceText(item.text)}`}
        onClick={() => onMove(1)}
      >
        ↓
      </button>
      <button type="button" className="button--icon" aria-label={`${t('common.delete')}: ${sourceText(item.text)}`} onClick={onDelete}>
        ✕
      </button>
    </li>
  );
}

import type { ElementJson, SurveyDefinition } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { moveElement, removeElement } from '../model/definition-model';
import { elementTypeName } from '../model/element-type-names';
import { sourceText } from '../model/localized-text';

interface ElementListProps {
  readonly definition: SurveyDefinition;
  readonly elements: readonly ElementJson[] | undefined;
  /** Panels nest; lists deeper than three levels are not shown. */
  readonly depth: number;
  readonly selected: string | null;
  readonly onSelect: (name: string | null) => void;
  readonly onChange: (definition: SurveyDefinition) => void;
}

/** The elements of a page or panel: select, move up or down, delete. */
export function ElementList({ definition, elements, depth, selected, onSelect, onChange }: ElementListProps) {
  return (
    <ul className="element-list">
      {(elements ?? []).map((item) => (
        <ElementItem
          key={item.name ?? ''}
          definition={definition}
          item={item}
          depth={depth}
          selected={selected}
          onSelect={onSelect}
          onChange={onChange}
        />
      ))}
    </ul>
  );
}

type ElementItemProps = Omit<ElementListProps, 'elements'> & { readonly item: ElementJson };

function ElementItem({ definition, item, depth, selected, onSelect, onChange }: ElementItemProps) {
  const { t } = useStaffTranslation();
  const name = item.name ?? '';
  const label = sourceText(item.title) || name;
  const known = elementTypeName(item.type);
  const typeLabel = known ? t(`designer.type.${known}`) : item.type;
  const remove = () => {
    if (!window.confirm(t('designer.confirmDelete', { name }))) return;
    if (selected === name) onSelect(null);
    onChange(removeElement(definition, name));
  };
  return (
    <li className={selected === name ? 'selected' : undefined}>
      <div className="row">
        <button
          type="button"
          className="button--link element-select"
          title={label}
          aria-pressed={selected === name}
          onClick={() => onSelect(name)}
        >
          <span className="element-type">{typeLabel}</span> {label}
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
        <button type="button" className="button--icon" aria-label={`${t('common.delete')}: ${name}`} onClick={remove}>
          ✕
        </button>
      </div>
      {item.type === 'panel' && depth < 3 && (
        <ElementList
          definition={definition}
          elements={item.elements}
          depth={depth + 1}
          selected={selected}
          onSelect={onSelect}
          onChange={onChange}
        />
      )}
    </li>
  );
}

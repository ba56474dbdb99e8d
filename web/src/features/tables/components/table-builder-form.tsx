import { useId, useState, type FormEvent } from 'react';
import { localize, type CustomTableQuestion, type CustomTableRequest } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';

const SLOTS = [0, 1, 2] as const;

interface TableBuilderFormProps {
  readonly options: readonly CustomTableQuestion[];
  readonly busy: boolean;
  readonly build: (request: CustomTableRequest) => Promise<void>;
}

/** Up to three questions to cross (rows, columns, layers) and, optionally, answers of another to keep. */
export function TableBuilderForm({ options, busy, build }: TableBuilderFormProps) {
  const { t } = useStaffTranslation();
  const formId = useId();
  const [chosen, setChosen] = useState<string[]>(['', '', '']);
  const [filterQuestion, setFilterQuestion] = useState('');
  const [filterValues, setFilterValues] = useState<string[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await build({
      questions: chosen.filter((q) => q !== ''),
      filter: filterQuestion ? { question: filterQuestion, values: filterValues } : null,
    });
  };

  return (
    <form className="table-builder-form" onSubmit={(event) => void submit(event)} aria-describedby={`${formId}-help`}>
      <p id={`${formId}-help`} className="hint">
        {t('tables.help')}
      </p>
      {SLOTS.map((slot) => (
        <QuestionSlot
          key={slot}
          slot={slot}
          value={chosen[slot] ?? ''}
          options={options}
          onChange={(value) => setChosen((current) => current.map((old, i) => (i === slot ? value : old)))}
        />
      ))}
      <FilterPicker
        options={options}
        question={filterQuestion}
        values={filterValues}
        onQuestion={(question) => {
          setFilterQuestion(question);
          setFilterValues([]);
        }}
        setValues={setFilterValues}
      />
      <button type="submit" disabled={busy}>
        {busy ? t('tables.building') : t('tables.build')}
      </button>
    </form>
  );
}

interface QuestionSlotProps {
  readonly slot: (typeof SLOTS)[number];
  readonly value: string;
  readonly options: readonly CustomTableQuestion[];
  readonly onChange: (value: string) => void;
}

/** The question for the rows (required), the columns or the layers. */
function QuestionSlot({ slot, value, options, onChange }: QuestionSlotProps) {
  const { t, locale } = useStaffTranslation();
  return (
    <label>
      {t(slot === 0 ? 'tables.rows' : slot === 1 ? 'tables.columns' : 'tables.layers')}
      <select name={`question-${slot}`} value={value} required={slot === 0} onChange={(event) => onChange(event.target.value)}>
        <option value="">{slot === 0 ? t('tables.pick') : t('tables.none')}</option>
        {options.map((q) => (
          <option key={q.question} value={q.question}>
            {localize(q.title, locale)}
          </option>
        ))}
      </select>
    </label>
  );
}

interface FilterPickerProps {
  readonly options: readonly CustomTableQuestion[];
  readonly question: string;
  readonly values: readonly string[];
  readonly onQuestion: (question: string) => void;
  readonly setValues: (update: (current: string[]) => string[]) => void;
}

/** The question to filter by, then the answers of it to keep. */
function FilterPicker({ options, question, values, onQuestion, setValues }: FilterPickerProps) {
  const { t, locale } = useStaffTranslation();
  const categories = options.find((q) => q.question === question)?.categories ?? [];
  return (
    <>
      <label>
        {t('tables.filter')}
        <select name="filter-question" value={question} onChange={(event) => onQuestion(event.target.value)}>
          <option value="">{t('tables.noFilter')}</option>
          {options.map((q) => (
            <option key={q.question} value={q.question}>
              {localize(q.title, locale)}
            </option>
          ))}
        </select>
      </label>
      {question && (
        <fieldset>
          <legend>{t('tables.keep')}</legend>
          {categories.map((category) => (
            <label key={category.value} className="checkbox">
              <input
                type="checkbox"
                name="filter-value"
                value={category.value}
                checked={values.includes(category.value)}
                onChange={(event) =>
                  setValues((current) =>
                    event.target.checked ? [...current, category.value] : current.filter((v) => v !== category.value),
                  )
                }
              />
              {localize(category.label, locale)}
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { localize, type CustomTableRequest, type CustomTableResult } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { customTablesApi } from '../api/custom-tables-api';
import { CustomTableView } from './custom-table-view';
import '../../../styles/tables.css';

const SLOTS = [0, 1, 2] as const;

/** `/staff/surveys/:id/tables`: the table builder (researchers and organizers). */
export function TableBuilderPage() {
  const { id = '' } = useParams();
  const { t, locale } = useStaffTranslation();
  const formId = useId();
  const survey = useResource(() => customTablesApi.survey(id), [id]);
  const questions = useResource(() => customTablesApi.questions(id), [id]);
  const [chosen, setChosen] = useState<string[]>(['', '', '']);
  const [filterQuestion, setFilterQuestion] = useState('');
  const [filterValues, setFilterValues] = useState<string[]>([]);
  const [result, setResult] = useState<CustomTableResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const options = questions.data ?? [];
  const filterOptions = options.find((q) => q.question === filterQuestion)?.categories ?? [];
  const title = survey.data?.title ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request: CustomTableRequest = {
      questions: chosen.filter((q) => q !== ''),
      filter: filterQuestion ? { question: filterQuestion, values: filterValues } : null,
    };
    setBusy(true);
    setError(null);
    try {
      setResult(await customTablesApi.build(id, request));
    } catch (caught) {
      setResult(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="table-builder">
      <p>
        <Link to={`/staff/surveys/${id}`}>← {title}</Link>
      </p>
      <h1>{t('tables.title', { title })}</h1>
      <p>{t('tables.intro')}</p>
      <ErrorNotice error={survey.error ?? questions.error} />
      <form className="table-builder-form" onSubmit={(event) => void submit(event)} aria-describedby={`${formId}-help`}>
        <p id={`${formId}-help`} className="hint">
          {t('tables.help')}
        </p>
        {SLOTS.map((slot) => (
          <label key={slot}>
            {t(slot === 0 ? 'tables.rows' : slot === 1 ? 'tables.columns' : 'tables.layers')}
            <select
              name={`question-${slot}`}
              value={chosen[slot]}
              required={slot === 0}
              onChange={(event) => setChosen((current) => current.map((value, i) => (i === slot ? event.target.value : value)))}
            >
              <option value="">{slot === 0 ? t('tables.pick') : t('tables.none')}</option>
              {options.map((q) => (
                <option key={q.question} value={q.question}>
                  {localize(q.title, locale)}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label>
          {t('tables.filter')}
          <select
            name="filter-question"
            value={filterQuestion}
            onChange={(event) => {
              setFilterQuestion(event.target.value);
              setFilterValues([]);
            }}
          >
            <option value="">{t('tables.noFilter')}</option>
            {options.map((q) => (
              <option key={q.question} value={q.question}>
                {localize(q.title, locale)}
              </option>
            ))}
          </select>
        </label>
        {filterQuestion && (
          <fieldset>
            <legend>{t('tables.keep')}</legend>
            {filterOptions.map((category) => (
              <label key={category.value} className="checkbox">
                <input
                  type="checkbox"
                  name="filter-value"
                  value={category.value}
                  checked={filterValues.includes(category.value)}
                  onChange={(event) =>
                    setFilterValues((current) =>
                      event.target.checked ? [...current, category.value] : current.filter((v) => v !== category.value),
                    )
                  }
                />
                {localize(category.label, locale)}
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('tables.building') : t('tables.build')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {result && (
        <div className="table-builder-result" aria-live="polite">
          {result.status === 'held' ? (
            <div className="notice notice--error" role="alert">
              <p>{t('tables.held')}</p>
              <p>{result.hold?.message}</p>
            </div>
          ) : (
            <>
              <CustomTableView result={result} locale={locale} t={t} />
              <p className="hint">{t('tables.noise', { noise: result.noise, k: result.k })}</p>
              <ul className="hint">
                <li>
                  <strong>{t('tables.hiddenSmallShort', { k: result.k })}</strong>: {t('tables.hiddenSmall', { k: result.k })}
                </li>
                <li>
                  <strong>{t('tables.hiddenIncludesShort')}</strong>: {t('tables.hiddenIncludes')}
                </li>
              </ul>
            </>
          )}
          <details>
            <summary>{t('tables.addToRelease')}</summary>
            <p>{t('tables.addToReleaseWhy')}</p>
          </details>
        </div>
      )}
    </section>
  );
}

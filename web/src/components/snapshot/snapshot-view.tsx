import { localize, type PublicationSnapshot, type SnapshotCell, type SnapshotTable } from '@candor/shared';
import { formatCount, formatDate, formatPercent } from './format';
import { useHiddenText } from './hidden-label';
import { PairFigure } from './pair-figure';
import { headlineFindings } from './pair-findings';
import { useSnapshotTranslation } from './snapshot-messages';

interface SnapshotViewProps {
  readonly snapshot: PublicationSnapshot;
  readonly locale: string;
  /** A staff preview: the header says it is not published yet. */
  readonly preview?: boolean;
}

/**
 * A published snapshot as a report: every figure is a bar chart (for the eye) beside a
 * real table (for screen readers, printing and copying). Hidden numbers look the same
 * whatever their value. Renders only what the snapshot holds — never answers.
 */
export function SnapshotView({ snapshot, locale, preview = false }: SnapshotViewProps) {
  const { t } = useSnapshotTranslation();
  const singles = snapshot.tables.filter((table) => table.kind !== 'crosstab');
  const crosstabs = snapshot.tables.filter((table) => table.kind === 'crosstab');
  return (
    <div className="snapshot">
      <header className="snapshot-header">
        <h1>{localize(snapshot.survey.title, locale)}</h1>
        <p className="snapshot-facts">
          <strong>{t('snapshot.responses', { count: formatCount(snapshot.responses, locale, t('snapshot.suppressed')) })}</strong>
          {' · '}
          {snapshot.window.from === snapshot.window.to
            ? t('snapshot.windowOneDay', { date: formatDate(snapshot.window.from, locale) })
            : t('snapshot.window', { from: formatDate(snapshot.window.from, locale), to: formatDate(snapshot.window.to, locale) })}
          {' · '}
          {preview
            ? t('snapshot.previewOf', { number: snapshot.number })
            : t('snapshot.published', { date: formatDate(snapshot.publishedOn, locale), number: snapshot.number })}
        </p>
        <p className="snapshot-privacy">
          {t('snapshot.privacyNote', { k: snapshot.k })}
          {snapshot.perturbation !== 'none' && ` ${t(`snapshot.perturbed.${snapshot.perturbation}`)}`}
        </p>
      </header>

      <Headlines snapshot={snapshot} locale={locale} />
      {snapshot.pairs.length > 0 && (
        <section aria-labelledby="pairs-heading">
          <h2 id="pairs-heading">{t('snapshot.pairs')}</h2>
          {snapshot.pairs.map((pair) => (
            <PairFigure key={pair.id} pair={pair} locale={locale} k={snapshot.k} />
          ))}
        </section>
      )}
      <section aria-labelledby="tables-heading">
        <h2 id="tables-heading">{t('snapshot.tables')}</h2>
        {singles.map((table) => (
          <FrequencyFigure key={table.id} table={table} locale={locale} />
        ))}
      </section>
      {crosstabs.length > 0 && (
        <section aria-labelledby="breakdowns-heading">
          <h2 id="breakdowns-heading">{t('snapshot.breakdowns')}</h2>
          {crosstabs.map((table) => (
            <CrosstabFigure key={table.id} table={table} locale={locale} />
          ))}
        </section>
      )}
    </div>
  );
}

function Bar({ cell, tone = 'primary' }: { readonly cell: SnapshotCell; readonly tone?: 'primary' | 'secondary' }) {
  if (cell.count === null) return <span className="bar bar--hidden" />;
  // Without a denominator there is no honest length to draw.
  if (cell.percent === null) return null;
  return (
    <span className="bar-track">
      <span className={`bar bar--${tone}`} style={{ width: `${Math.max(cell.percent ?? 0, cell.count > 0 ? 0.5 : 0)}%` }} />
    </span>
  );
}

function CellValues({ cell, locale, id }: { readonly cell: SnapshotCell; readonly locale: string; readonly id: string }) {
  const { t } = useSnapshotTranslation();
  const hiddenText = useHiddenText();
  if (cell.count === null) {
    const text = hiddenText(id);
    return (
      <>
        <td className="hidden-value" colSpan={3}>
          <span aria-label={text === t('snapshot.suppressed') ? t('snapshot.suppressedLong') : undefined}>{text}</span>
        </td>
      </>
    );
  }
  return (
    <>
      <td className="number">{formatCount(cell.count, locale, '')}</td>
      <td className="number">{formatPercent(cell.percent, locale)}</td>
      <td className="number ci">{cell.ci ? `${formatPercent(cell.ci[0], locale)}–${formatPercent(cell.ci[1], locale)}` : ''}</td>
    </>
  );
}

function FrequencyFigure({ table, locale }: { readonly table: SnapshotTable; readonly locale: string }) {
  const { t } = useSnapshotTranslation();
  const row = table.rows[0];
  if (!row) return null;
  const label = (value: string) => localize(table.categories.find((c) => c.value === value)?.label ?? value, locale);
  const title = localize(table.title, locale);
  return (
    <figure className="figure">
      <table className="figure-table">
        <caption>
          {title}{' '}
          <span className="figure-n">
            {table.n === null ? t('snapshot.nHidden') : t('snapshot.n', { n: formatCount(table.n, locale, '') })}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('snapshot.answer')}</th>
            <th scope="col" aria-hidden="true" className="bar-column" />
            <th scope="col">{t('snapshot.count')}</th>
            <th scope="col">{t('snapshot.percent')}</th>
            <th scope="col">{t('snapshot.ci')}</th>
          </tr>
        </thead>
        <tbody>
          {row.cells.map((cell) => (
            <tr key={cell.category}>
              <th scope="row">{label(cell.category)}</th>
              <td aria-hidden="true" className="bar-column">
                <Bar cell={cell} />
              </td>
              <CellValues cell={cell} locale={locale} id={`${table.id}:c:${cell.category}`} />
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption>
        {table.n === null && row.cells.some((cell) => cell.count !== null) && <span>{t('snapshot.percentWithheld')} </span>}
        {table.kind === 'multi' && <span>{t('snapshot.multiNote')} </span>}
        {table.refused !== undefined && (
          <span>{t('snapshot.refused', { count: formatCount(table.refused, locale, t('snapshot.suppressed')) })}</span>
        )}
      </figcaption>
    </figure>
  );
}

function CrosstabFigure({ table, locale }: { readonly table: SnapshotTable; readonly locale: string }) {
  const { t } = useSnapshotTranslation();
  const hiddenText = useHiddenText();
  const label = (value: string) => localize(table.categories.find((c) => c.value === value)?.label ?? value, locale);
  const groupLabel = (values: readonly string[]) =>
    values.map((value, i) => localize(table.groupBy?.[i]?.categories.find((c) => c.value === value)?.label ?? value, locale)).join(' · ');
  const by = (table.groupBy ?? []).map((g) => localize(g.title, locale)).join(' × ');
  return (
    <figure className="figure">
      {/* Scrolls sideways on narrow screens: focusable so keyboards can scroll it too. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`${localize(table.title, locale)} — ${by}`}>
        <table className="figure-table crosstab">
          <caption>
            {localize(table.title, locale)} <span className="figure-n">— {by}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('snapshot.group')}</th>
              <th scope="col">n</th>
              {table.categories.map((c) => (
                <th key={c.value} scope="col">
                  {label(c.value)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={(row.group ?? []).join('|')}>
                <th scope="row">{groupLabel(row.group ?? [])}</th>
                <td className="number">
                  {row.withheld
                    ? t('snapshot.groupHidden')
                    : formatCount(row.n, locale, hiddenText(`${table.id}:n:${(row.group ?? []).join('|')}`))}
                </td>
                {row.cells.map((cell) => (
                  <td key={cell.category} className={cell.count === null ? 'hidden-value' : 'number'}>
                    {cell.count === null
                      ? hiddenText(`${table.id}:c:${cell.category}:${(row.group ?? []).join('|')}`)
                      : `${formatCount(cell.count, locale, '')}${cell.percent !== null ? ` (${formatPercent(cell.percent, locale)})` : ''}`}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** The few findings a reader needs first, in sentences made from published before/after pairs only. */
function Headlines({ snapshot, locale }: { readonly snapshot: PublicationSnapshot; readonly locale: string }) {
  const { t } = useSnapshotTranslation();
  const headlines = headlineFindings(
    snapshot,
    locale,
    {
      binary: (vars) => t('snapshot.headline.binary', vars),
      ordinal: (vars) => t('snapshot.headline.ordinal', vars),
      beforeFallback: t('snapshot.before'),
      afterFallback: t('snapshot.after'),
    },
    (percent) => formatPercent(Math.round(percent), locale),
  );
  if (headlines.length === 0) return null;
  return (
    <section className="headlines" aria-labelledby="headlines-heading">
      <h2 id="headlines-heading">{t('snapshot.headlines')}</h2>
      <ul>
        {headlines.map((headline) => (
          <li key={headline.pair}>{headline.text}</li>
        ))}
      </ul>
      <p className="hint">{t('snapshot.headlinesNote')}</p>
    </section>
  );
}

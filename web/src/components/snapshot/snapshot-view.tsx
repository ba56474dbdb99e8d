import { localize, type PBand, type PublicationSnapshot, type SnapshotCell, type SnapshotPair, type SnapshotTable } from '@candor/shared';
import { formatBand, formatCount, formatDate, formatP, formatPercent } from './format';
import { useHiddenText } from './hidden-label';
import { PairChart } from './pair-chart';
import { headlineFindings, pairWording } from './pair-findings';
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

function PairFigure({ pair, locale, k }: { readonly pair: SnapshotPair; readonly locale: string; readonly k: number }) {
  const { t } = useSnapshotTranslation();
  const label = (value: string) => localize(pair.categories.find((c) => c.value === value)?.label ?? value, locale);
  const hiddenText = useHiddenText();
  const stats = pair.statistics;
  const wording = pairWording(pair, locale);
  const headingId = `pair-${pair.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <figure className="figure pair" aria-labelledby={headingId}>
      <h3 id={headingId} className="pair-topic">
        {wording.topic}
      </h3>
      <p className="figure-n">
        {pair.n === null ? t('snapshot.pairNHidden') : t('snapshot.pairN', { n: formatCount(pair.n, locale, '') })}
        {wording.before && wording.after && ` · ${t('snapshot.periods', { before: wording.before, after: wording.after })}`}
      </p>
      <PairChart
        pair={pair}
        locale={locale}
        beforeLabel={t('snapshot.before')}
        afterLabel={t('snapshot.after')}
        hiddenLabel={t('snapshot.suppressed')}
      />
      <table className="figure-table pair-table">
        <caption className="visually-hidden">{wording.topic}</caption>
        <thead>
          <tr>
            <th scope="col">{t('snapshot.answer')}</th>
            <th scope="col">{t('snapshot.before')}</th>
            <th scope="col">{t('snapshot.after')}</th>
          </tr>
        </thead>
        <tbody>
          {pair.categories.map((category, i) => {
            const before = pair.before[i] as SnapshotCell;
            const after = pair.after[i] as SnapshotCell;
            const text = (cell: SnapshotCell, half: 'before' | 'after') =>
              cell.count === null
                ? hiddenText(`${pair.id}:${half}:${cell.category}`)
                : `${formatCount(cell.count, locale, '')}${cell.percent !== null ? ` (${formatPercent(cell.percent, locale)})` : ''}`;
            return (
              <tr key={category.value}>
                <th scope="row">{label(category.value)}</th>
                <td className={before.count === null ? 'hidden-value' : 'number'}>{text(before, 'before')}</td>
                <td className={after.count === null ? 'hidden-value' : 'number'}>{text(after, 'after')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <figcaption className="pair-stats">
        {pair.table && (
          <p>
            {t('snapshot.discordant', {
              b: formatCount(pair.table.b, locale, hiddenText(`${pair.id}:cell:b`)),
              c: formatCount(pair.table.c, locale, hiddenText(`${pair.id}:cell:c`)),
            })}
          </p>
        )}
        {pair.changes && (
          <p>
            {t('snapshot.movement', {
              down: formatCount(pair.changes.down, locale, hiddenText(`${pair.id}:down`)),
              same: formatCount(pair.changes.same, locale, hiddenText(`${pair.id}:same`)),
              up: formatCount(pair.changes.up, locale, hiddenText(`${pair.id}:up`)),
            })}
          </p>
        )}
        {stats?.difference && stats.mcnemar && (
          <p className="pair-plain">{t(stats.mcnemar.pMid < 0.05 ? 'snapshot.plain.real' : 'snapshot.plain.chance')}</p>
        )}
        {stats?.stuartMaxwell && stats.wilcoxon && (
          <p className="pair-plain">{t(stats.wilcoxon.p < 0.05 ? 'snapshot.plain.real' : 'snapshot.plain.chance')}</p>
        )}
        {stats?.bands && !stats.mcnemar && !stats.wilcoxon && bandsSayReal(stats.bands) !== null && (
          <p className="pair-plain">{t(bandsSayReal(stats.bands) ? 'snapshot.plain.real' : 'snapshot.plain.chance')}</p>
        )}
        {stats && (
          <details className="technical">
            <summary>{t('snapshot.forResearchers')}</summary>
            {stats.difference && stats.mcnemar && (
              <p>
                <strong>{t('snapshot.change')}:</strong>{' '}
                {t('snapshot.difference', {
                  estimate: (-stats.difference.estimate).toLocaleString(locale, { maximumFractionDigits: 1, signDisplay: 'always' }),
                  low: (-stats.difference.newcombe[1]).toLocaleString(locale, { maximumFractionDigits: 1 }),
                  high: (-stats.difference.newcombe[0]).toLocaleString(locale, { maximumFractionDigits: 1 }),
                  p: formatP(stats.mcnemar.pMid),
                })}
              </p>
            )}
            {stats.stuartMaxwell && stats.wilcoxon && (
              <p>
                {t('snapshot.ordinalTests', {
                  chi: stats.stuartMaxwell.chiSquare.toFixed(2),
                  df: stats.stuartMaxwell.df,
                  p: formatP(stats.stuartMaxwell.p),
                  w: formatP(stats.wilcoxon.p),
                })}
              </p>
            )}
            {stats.bands && (
              <p>
                {t('snapshot.bands', {
                  tests: (['mcnemar', 'stuartMaxwell', 'wilcoxon'] as const)
                    .filter((test) => stats.bands?.[test] !== undefined)
                    .map((test) => t(`snapshot.band.${test}`, { p: formatBand(stats.bands?.[test] as PBand) }))
                    .join('; '),
                })}
              </p>
            )}
          </details>
        )}
        {!stats && <p className="hint">{t('snapshot.statsWithheld', { k })}</p>}
      </figcaption>
    </figure>
  );
}

/** What published p-value bands say in plain words: true when the main test's band is below 0.05, null when there is none. */
function bandsSayReal(bands: { readonly mcnemar?: PBand; readonly stuartMaxwell?: PBand; readonly wilcoxon?: PBand }): boolean | null {
  const band = bands.mcnemar ?? bands.wilcoxon ?? bands.stuartMaxwell;
  return band === undefined ? null : band !== '>=0.05';
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

import { localize, type PBand, type SnapshotCell, type SnapshotPair } from '@candor/shared';
import { formatBand, formatCount, formatP, formatPercent } from './format';
import { useHiddenText } from './hidden-label';
import { PairChart } from './pair-chart';
import { pairWording } from './pair-findings';
import { useSnapshotTranslation } from './snapshot-messages';

interface PairProps {
  readonly pair: SnapshotPair;
  readonly locale: string;
}

/** A before/after pair: its chart, the same numbers as a table, and what the change means. */
export function PairFigure({ pair, locale, k }: PairProps & { readonly k: number }) {
  const { t } = useSnapshotTranslation();
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
      <PairTable pair={pair} locale={locale} caption={wording.topic} />
      <figcaption className="pair-stats">
        <PairCounts pair={pair} locale={locale} />
        <PlainWords pair={pair} />
        {pair.statistics && <PairTechnical stats={pair.statistics} locale={locale} />}
        {!pair.statistics && <p className="hint">{t('snapshot.statsWithheld', { k })}</p>}
      </figcaption>
    </figure>
  );
}

/** The chart's numbers as a table, for screen readers, printing and copying. */
function PairTable({ pair, locale, caption }: PairProps & { readonly caption: string }) {
  const { t } = useSnapshotTranslation();
  const hiddenText = useHiddenText();
  const label = (value: string) => localize(pair.categories.find((c) => c.value === value)?.label ?? value, locale);
  const text = (cell: SnapshotCell, half: 'before' | 'after') =>
    cell.count === null
      ? hiddenText(`${pair.id}:${half}:${cell.category}`)
      : `${formatCount(cell.count, locale, '')}${cell.percent !== null ? ` (${formatPercent(cell.percent, locale)})` : ''}`;
  return (
    <table className="figure-table pair-table">
      <caption className="visually-hidden">{caption}</caption>
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
  );
}

/** Who changed answer, and in which direction. */
function PairCounts({ pair, locale }: PairProps) {
  const { t } = useSnapshotTranslation();
  const hiddenText = useHiddenText();
  return (
    <>
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
    </>
  );
}

/** Whether the change is likely real or chance, in plain words, from whichever test was published. */
function PlainWords({ pair }: { readonly pair: SnapshotPair }) {
  const { t } = useSnapshotTranslation();
  const stats = pair.statistics;
  return (
    <>
      {stats?.difference && stats.mcnemar && (
        <p className="pair-plain">{t(stats.mcnemar.pMid < 0.05 ? 'snapshot.plain.real' : 'snapshot.plain.chance')}</p>
      )}
      {stats?.stuartMaxwell && stats.wilcoxon && (
        <p className="pair-plain">{t(stats.wilcoxon.p < 0.05 ? 'snapshot.plain.real' : 'snapshot.plain.chance')}</p>
      )}
      {stats?.bands && !stats.mcnemar && !stats.wilcoxon && bandsSayReal(stats.bands) !== null && (
        <p className="pair-plain">{t(bandsSayReal(stats.bands) ? 'snapshot.plain.real' : 'snapshot.plain.chance')}</p>
      )}
    </>
  );
}

type PairStatistics = NonNullable<SnapshotPair['statistics']>;

/** The tests behind the plain words, folded away for researchers. */
function PairTechnical({ stats, locale }: { readonly stats: PairStatistics; readonly locale: string }) {
  const { t } = useSnapshotTranslation();
  return (
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
  );
}

/** What published p-value bands say in plain words: true when the main test's band is below 0.05, null when there is none. */
function bandsSayReal(bands: { readonly mcnemar?: PBand; readonly stuartMaxwell?: PBand; readonly wilcoxon?: PBand }): boolean | null {
  const band = bands.mcnemar ?? bands.wilcoxon ?? bands.stuartMaxwell;
  return band === undefined ? null : band !== '>=0.05';
}

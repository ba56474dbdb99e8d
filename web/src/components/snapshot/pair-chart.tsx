import { localize, type SnapshotCell, type SnapshotPair } from '@candor/shared';
import { formatPercent } from './format';

interface PairChartProps {
  readonly pair: SnapshotPair;
  readonly locale: string;
  readonly beforeLabel: string;
  readonly afterLabel: string;
  readonly hiddenLabel: string;
}

/**
 * Paired bars for a before/after pair: for each answer, the share before (light) and now
 * (dark), one above the other so the change reads at a glance on any screen. Plain SVG with
 * geometry in attributes and colours in the stylesheet, so the strict CSP (no inline styles
 * or scripts) holds and no chart library is loaded. Decoration only: the table beside it
 * carries the numbers for screen readers.
 */
export function PairChart({ pair, locale, beforeLabel, afterLabel, hiddenLabel }: PairChartProps) {
  const bar = (cell: SnapshotCell | undefined, half: 'before' | 'after') => {
    const hidden = !cell || cell.count === null;
    const percent = cell?.percent ?? null;
    return (
      <div className={`pair-bar pair-bar--${half}`}>
        <span className="pair-bar-half">{half === 'before' ? beforeLabel : afterLabel}</span>
        <svg className="pair-chart" viewBox="0 0 100 10" preserveAspectRatio="none" focusable="false">
          <rect className="pair-track" x="0" y="0" width="100" height="10" />
          {hidden ? (
            <rect className="pair-hidden" x="0" y="0" width="100" height="10" />
          ) : (
            percent !== null && <rect className={`pair-fill pair-fill--${half}`} x="0" y="0" width={Math.max(percent, 0.5)} height="10" />
          )}
        </svg>
        <span className="pair-bar-value">{hidden ? hiddenLabel : percent !== null ? formatPercent(percent, locale) : ''}</span>
      </div>
    );
  };
  return (
    <div className="pair-chart-figure" aria-hidden="true">
      {pair.categories.map((category, i) => (
        <div key={category.value} className="pair-chart-row">
          <div className="pair-chart-label">{localize(category.label, locale)}</div>
          {bar(pair.before[i], 'before')}
          {bar(pair.after[i], 'after')}
        </div>
      ))}
    </div>
  );
}

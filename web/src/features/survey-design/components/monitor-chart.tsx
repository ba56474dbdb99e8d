import type { FieldingMonitor } from '@candor/shared';

interface MonitorChartProps {
  readonly monitor: FieldingMonitor;
  readonly title: string;
  readonly formatPeriod: (start: string) => string;
  readonly formatCount: (atLeast: number) => string;
}

const SLOT = 10;
const HEIGHT = 100;

/**
 * Responses per period as columns: hand-written SVG, geometry in attributes and colours in
 * the stylesheet (no inline styles under the strict CSP, no chart library). Each column is
 * the coarse count (a multiple of k); a period under k shows a stub; the running period an
 * empty outline (not counted yet). Decoration only: the table beside it has the numbers.
 */
export function MonitorChart({ monitor, title, formatPeriod, formatCount }: MonitorChartProps) {
  const { periods, step } = monitor;
  const highest = Math.max(step, ...periods.map((p) => p.atLeast ?? 0));
  // The scale rounds up to a multiple of k, with a gridline per multiple when there are few.
  const top = Math.ceil(highest / step) * step;
  const gridEvery = top / step <= 8 ? step : Math.ceil(top / step / 4) * step;
  const grid: number[] = [];
  for (let value = gridEvery; value <= top; value += gridEvery) grid.push(value);
  const width = Math.max(periods.length, 1) * SLOT;
  const y = (value: number) => HEIGHT - (value / top) * HEIGHT;
  const first = periods[0];
  const last = periods.at(-1);
  return (
    <figure className="monitor-chart" aria-hidden="true">
      <figcaption className="monitor-chart-title">{title}</figcaption>
      <div className="monitor-chart-plot">
        <span className="monitor-axis-top">{formatCount(top)}</span>
        <svg className="monitor-svg" viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" focusable="false">
          {grid.map((value) => (
            <line key={value} className="monitor-grid" x1="0" x2={width} y1={y(value)} y2={y(value)} vectorEffect="non-scaling-stroke" />
          ))}
          <line className="monitor-baseline" x1="0" x2={width} y1={HEIGHT} y2={HEIGHT} vectorEffect="non-scaling-stroke" />
          {periods.map((period, index) => {
            const x = index * SLOT + 1.5;
            if (period.running)
              return (
                <rect
                  key={period.start}
                  className="monitor-bar monitor-bar--running"
                  x={x}
                  y={0.5}
                  width={SLOT - 3}
                  height={HEIGHT - 1}
                  vectorEffect="non-scaling-stroke"
                />
              );
            const value = period.atLeast ?? 0;
            if (value === 0)
              return (
                <rect key={period.start} className="monitor-bar monitor-bar--fewer" x={x} y={HEIGHT - 2} width={SLOT - 3} height={2} />
              );
            return <rect key={period.start} className="monitor-bar" x={x} y={y(value)} width={SLOT - 3} height={HEIGHT - y(value)} />;
          })}
        </svg>
      </div>
      {first && last && (
        <div className="monitor-axis-x">
          <span>{formatPeriod(first.start)}</span>
          {last !== first && <span>{formatPeriod(last.start)}</span>}
        </div>
      )}
    </figure>
  );
}

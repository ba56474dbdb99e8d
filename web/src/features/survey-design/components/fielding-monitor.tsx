import type { FieldingMonitor as Monitor, SurveyDetail, TimeGranularity } from '@candor/shared';
import { DataTable } from '../../../components/ui/data-table';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { surveysApi } from '../api/surveys-api';
import { MonitorChart } from './monitor-chart';

function periodFormatter(locale: string, granularity: TimeGranularity): (start: string) => string {
  const format = new Intl.DateTimeFormat(
    locale,
    granularity === 'month'
      ? { month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' },
  );
  return (start) => format.format(new Date(`${start}T00:00:00Z`));
}

/**
 * The fielding monitor for organizers and researchers (issue 13 point 10): responses per
 * period as a chart with the table beside it, and progress toward the release floor — all
 * as coarse as the privacy rules require (see `fieldingMonitor` in shared).
 */
export function FieldingMonitor({ survey }: { readonly survey: SurveyDetail }) {
  const { t, locale } = useStaffTranslation();
  const monitor = useResource(() => surveysApi.monitor(survey.id), [survey.id, survey.status]);
  if (!monitor.data) return monitor.error ? <ErrorNotice error={monitor.error} /> : <p>{t('common.loading')}</p>;
  const data: Monitor = monitor.data;
  const period = t(`monitor.period.${data.granularity}`);
  const formatPeriod = periodFormatter(locale, data.granularity);
  const count = (atLeast: number) => (atLeast === 0 ? t('monitor.fewer', { k: data.step }) : t('monitor.atLeast', { n: atLeast }));
  const progress = Math.min(data.total.atLeast, data.minResponses);
  return (
    <section className="fielding-monitor" aria-labelledby="monitor-title">
      <h2 id="monitor-title">{t('monitor.title')}</h2>
      <p className="hint">{t('monitor.intro', { period, k: data.step })}</p>
      <div className="monitor-progress">
        <label htmlFor="monitor-progress">{t('monitor.progress', { floor: data.minResponses })}</label>
        <progress
          id="monitor-progress"
          max={data.minResponses}
          value={progress}
          aria-valuetext={t('monitor.progressValue', { count: count(data.total.atLeast), floor: data.minResponses })}
        />
        <p className={data.total.floorReached ? 'notice notice--success' : undefined}>
          {data.total.floorReached
            ? t('monitor.floorReached')
            : t('monitor.progressValue', { count: count(data.total.atLeast), floor: data.minResponses })}
        </p>
      </div>
      {data.periods.length === 0 ? (
        <p>{t('monitor.notOpened')}</p>
      ) : (
        <div className="monitor-body">
          <MonitorChart
            monitor={data}
            title={t('monitor.chartTitle', { period })}
            formatPeriod={formatPeriod}
            formatCount={(n) => String(n)}
          />
          <DataTable
            className="data-table monitor-table"
            caption={t('monitor.tableCaption', { period, k: data.step })}
            columns={[
              { key: 'start', header: t('monitor.periodStart'), rowHeader: true, cell: (p) => formatPeriod(p.start) },
              {
                key: 'responses',
                header: t('monitor.responses'),
                cell: (p) => (p.running || p.atLeast === null ? t('monitor.running') : count(p.atLeast)),
              },
            ]}
            rows={[...data.periods].reverse()}
            rowKey={(p) => p.start}
            rowClassName={(p) => (p.running ? 'monitor-running' : undefined)}
          />
        </div>
      )}
    </section>
  );
}

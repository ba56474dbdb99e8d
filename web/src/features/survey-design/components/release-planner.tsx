import { useState } from 'react';
import { localize, type PlannedFigure, type PlannedOutcome, type PlannedRelease, type PrivacySettings } from '@candor/shared';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation, type StaffTranslate } from '../../../lib/staff/staff-i18n';
import { surveysApi } from '../api/surveys-api';

interface ReleasePlannerProps {
  readonly surveyId: string;
  /** The settings as they stand in the form, saved or not. */
  readonly settings: PrivacySettings;
}

/**
 * Planning before the settings lock: the release simulated on synthetic answers at the
 * release floor and at a planned number of responses, with the settings in the form, so a
 * cross-tab that would hide the findings shows before fielding starts. Never real answers.
 */
export function ReleasePlanner({ surveyId, settings }: ReleasePlannerProps) {
  const { t, locale } = useStaffTranslation();
  const [planned, setPlanned] = useState(Math.max(settings.minResponses * 2, 200));
  const [plans, setPlans] = useState<PlannedRelease[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const simulate = async () => {
    setBusy(true);
    setError(null);
    try {
      setPlans(await surveysApi.plan(surveyId, settings, planned));
    } catch (caught) {
      setError(caught);
      setPlans(null);
    } finally {
      setBusy(false);
    }
  };

  const [floor, target] = plans ? [plans[0], plans[plans.length - 1]] : [undefined, undefined];

  return (
    <section className="release-planner" aria-labelledby="release-planner-heading">
      <h3 id="release-planner-heading">{t('plan.title')}</h3>
      <p className="hint">{t('plan.intro')}</p>
      <div className="row">
        <label>
          {t('plan.responses')}
          <input type="number" min={1} max={20000} value={planned} onChange={(e) => setPlanned(Number(e.target.value))} />
        </label>
        <button type="button" className="button--secondary" disabled={busy} onClick={() => void simulate()}>
          {busy ? t('plan.simulating') : t('plan.simulate')}
        </button>
      </div>
      <ErrorNotice error={error} />
      {plans && floor && target && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('plan.title')}>
          <DataTable
            className="data-table plan-table"
            caption={t('plan.caption', { k: settings.k, minGroup: settings.minGroup })}
            columns={planColumns(floor, target, t, locale)}
            rows={target.figures}
            rowKey={(figure) => figure.id}
          />
        </div>
      )}
    </section>
  );
}

/**
 * The plan's columns: each figure (a row header), then its outcome at the release floor and,
 * when the planned number differs from it, at the planned number.
 */
function planColumns(floor: PlannedRelease, target: PlannedRelease, t: StaffTranslate, locale: string): DataTableColumn<PlannedFigure>[] {
  const outcome = (value: PlannedOutcome | undefined) =>
    value ? <span className={`outcome outcome--${value}`}>{t(`plan.outcome.${value}`)}</span> : '—';
  const columns: DataTableColumn<PlannedFigure>[] = [
    {
      key: 'figure',
      header: t('plan.figure'),
      rowHeader: true,
      cell: (figure) => (
        <>
          {figure.kind === 'pair' && `${t('plan.pair')}: `}
          {figure.kind === 'crosstab' && `${t('plan.crosstab')}: `}
          {localize(figure.title, locale)}
        </>
      ),
    },
    {
      key: 'floor',
      header: t('plan.at', { n: floor.responses }),
      cell: (figure) => outcome(floor.figures.find((f) => f.id === figure.id)?.outcome),
    },
  ];
  if (target === floor) return columns;
  return [...columns, { key: 'target', header: t('plan.at', { n: target.responses }), cell: (figure) => outcome(figure.outcome) }];
}

import { useState } from 'react';
import { localize, type PlannedOutcome, type PlannedRelease, type PrivacySettings } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
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

  const outcome = (value: PlannedOutcome | undefined) =>
    value ? <span className={`outcome outcome--${value}`}>{t(`plan.outcome.${value}`)}</span> : '—';
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
          <table className="data-table plan-table">
            <caption>{t('plan.caption', { k: settings.k, minGroup: settings.minGroup })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('plan.figure')}</th>
                <th scope="col">{t('plan.at', { n: floor.responses })}</th>
                {target !== floor && <th scope="col">{t('plan.at', { n: target.responses })}</th>}
              </tr>
            </thead>
            <tbody>
              {target.figures.map((figure) => (
                <tr key={figure.id}>
                  <th scope="row">
                    {figure.kind === 'pair' && `${t('plan.pair')}: `}
                    {figure.kind === 'crosstab' && `${t('plan.crosstab')}: `}
                    {localize(figure.title, locale)}
                  </th>
                  <td>{outcome(floor.figures.find((f) => f.id === figure.id)?.outcome)}</td>
                  {target !== floor && <td>{outcome(figure.outcome)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

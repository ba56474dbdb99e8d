import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { hasUiStrings, localize, type PublicationSnapshot } from '@candor/shared';
import { SnapshotView } from '../../../components/snapshot/snapshot-view';
import { LanguageSwitch } from '../../../components/ui/language-switch';
import { StatusPage } from '../../../components/ui/status-page';
import { ApiError } from '../../../lib/api-client';
import { createTranslations, useLocale } from '../../../lib/i18n/i18n';
import { dashboardsApi } from '../api/dashboards-api';
import '../../../styles/dashboard.css';

const { useTranslations } = createTranslations({
  en: {
    loading: 'Loading…',
    missing: 'Nothing published yet',
    missingBody: 'There are no published findings at this address.',
    withdrawn: 'These findings were withdrawn',
    withdrawnBody: 'The organizers withdrew the findings published here on {day}.',
    failed: 'The findings could not be loaded',
    csv: 'Download CSV',
    json: 'Download JSON',
    print: 'Print',
    downloadsNote: 'The downloads hold exactly what is published here.',
  },
  es: {
    loading: 'Cargando…',
    missing: 'Todavía no hay nada publicado',
    missingBody: 'No hay resultados publicados en esta dirección.',
    withdrawn: 'Estos resultados fueron retirados',
    withdrawnBody: 'Las organizadoras retiraron los resultados publicados aquí el {day}.',
    failed: 'No se pudieron cargar los resultados',
    csv: 'Descargar CSV',
    json: 'Descargar JSON',
    print: 'Imprimir',
    downloadsNote: 'Las descargas contienen exactamente lo que se publica aquí.',
  },
});

/** `/d/:slug`: the public dashboard of a survey's latest published snapshot. */
export default function DashboardPage() {
  const { slug = '' } = useParams();
  const locale = useLocale();
  const { t } = useTranslations();
  const [snapshot, setSnapshot] = useState<PublicationSnapshot | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'missing' | 'withdrawn' | 'failed'>('loading');
  const [withdrawnOn, setWithdrawnOn] = useState('');

  useEffect(() => {
    let cancelled = false;
    dashboardsApi
      .snapshot(slug)
      .then((loaded) => {
        if (cancelled) return;
        setSnapshot(loaded);
        setState('ready');
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.code === 'RELEASE_WITHDRAWN') {
          setWithdrawnOn(error.body?.details.find((d) => d.path === 'withdrawnOn')?.message ?? '');
          setState('withdrawn');
          return;
        }
        setState(error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED') ? 'missing' : 'failed');
      });
    return () => {
      cancelled = true;
    };
  }, [slug]);

  useEffect(() => {
    if (snapshot) document.title = localize(snapshot.survey.title, locale);
  }, [snapshot, locale]);

  if (state === 'loading') return <StatusPage title={t('loading')} />;
  if (state === 'withdrawn')
    return (
      <StatusPage title={t('withdrawn')}>
        <p>{t('withdrawnBody', { day: withdrawnOn })}</p>
      </StatusPage>
    );
  if (state === 'missing')
    return (
      <StatusPage title={t('missing')}>
        <p>{t('missingBody')}</p>
      </StatusPage>
    );
  if (state === 'failed' || !snapshot) return <StatusPage title={t('failed')} tone="warning" />;
  return (
    <main className="dashboard">
      <div className="dashboard-tools no-print">
        <LanguageSwitch current={locale} available={dashboardLanguages(snapshot.survey.locales)} />
        <a className="button" href={dashboardsApi.csvUrl(slug, locale)} download>
          {t('csv')}
        </a>
        <a className="button button--secondary" href={dashboardsApi.jsonUrl(slug)} download>
          {t('json')}
        </a>
        <button type="button" className="button--secondary" onClick={() => window.print()}>
          {t('print')}
        </button>
        <small>{t('downloadsNote')}</small>
      </div>
      <SnapshotView snapshot={snapshot} locale={locale} />
    </main>
  );
}

/**
 * The dashboard speaks Candor's UI languages only (English, Spanish): question labels are
 * shown in that language where the survey has them, else in the source. A language a
 * researcher added for respondents (e.g. Portuguese) is not offered here.
 */
function dashboardLanguages(locales: readonly string[]): readonly string[] {
  const spoken = locales.filter(hasUiStrings);
  return spoken.length > 1 ? spoken : ['en', 'es'];
}

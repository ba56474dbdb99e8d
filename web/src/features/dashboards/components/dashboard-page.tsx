import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { localize, type PublicationSnapshot } from '@candor/shared';
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
  const [state, setState] = useState<'loading' | 'ready' | 'missing' | 'failed'>('loading');

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
        if (!cancelled) setState(error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION_FAILED') ? 'missing' : 'failed');
      });
    return () => {
      cancelled = true;
    };
  }, [slug]);

  useEffect(() => {
    if (snapshot) document.title = localize(snapshot.survey.title, locale);
  }, [snapshot, locale]);

  if (state === 'loading') return <StatusPage title={t('loading')} />;
  if (state === 'missing') return <StatusPage title={t('missing')}><p>{t('missingBody')}</p></StatusPage>;
  if (state === 'failed' || !snapshot) return <StatusPage title={t('failed')} tone="warning" />;
  return (
    <main className="dashboard">
      <div className="dashboard-tools no-print">
        <LanguageSwitch current={locale} available={snapshot.survey.locales.length > 1 ? snapshot.survey.locales : ['en', 'es']} />
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

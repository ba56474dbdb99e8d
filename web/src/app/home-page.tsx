import { StatusPage } from '../components/ui/status-page';
import { useTranslation } from '../lib/i18n/i18n';

export function HomePage() {
  const { t } = useTranslation();
  return (
    <StatusPage title={t('home.title')}>
      <p>{t('home.body')}</p>
    </StatusPage>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <StatusPage title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
    </StatusPage>
  );
}

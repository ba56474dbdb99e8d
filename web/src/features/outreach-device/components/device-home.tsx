import type { Locale } from '../../../lib/i18n/i18n';
import { LANGUAGE_NAMES, useDeviceTranslation } from '../model/device-messages';
import type { QueuedSubmission, StoredDevice } from '../model/device-store';

interface DeviceHomeProps {
  readonly device: StoredDevice;
  readonly queue: readonly QueuedSubmission[];
  readonly online: boolean;
  readonly syncing: boolean;
  readonly message: string;
  readonly onStart: (locale: Locale) => void;
  readonly onSync: () => void;
  readonly onForget: () => void;
  /** A new token for this survey (after a revocation, expiry or full quota); the queue stays. */
  readonly onPrepareAgain: () => void;
  /** Back to the locked screen, without starting a respondent. */
  readonly onLock: () => void;
}

/** The staff member's screen: what is waiting, what was refused, start a respondent, sync. Never an answer. */
export function DeviceHome({
  device,
  queue,
  online,
  syncing,
  message,
  onStart,
  onSync,
  onForget,
  onPrepareAgain,
  onLock,
}: DeviceHomeProps) {
  const { t } = useDeviceTranslation();
  const refused = queue.filter((item) => item.refused);
  const locales = device.survey.locales.filter((l): l is Locale => l === 'en' || l === 'es');
  const title = surveyTitle(device);
  return (
    <section className="device-panel" aria-labelledby="device-title">
      <h1 id="device-title">{t('device.title')}</h1>
      <p className="device-survey">
        {title} · {device.device.label}
      </p>
      {device.device.expiresAt && (
        <p className="device-limits" data-testid="limits">
          {t('device.limits', { date: new Date(device.device.expiresAt).toLocaleDateString(), quota: device.quota })}
        </p>
      )}
      <p className={online ? 'device-online' : 'device-offline'}>{online ? t('device.online') : t('device.offline')}</p>
      <p className="device-counter" role="status" aria-live="polite" data-testid="waiting">
        {queue.length === 0 ? t('device.waitingNone') : t('device.waiting', { count: queue.length })}
      </p>
      <div className="device-actions">
        {locales.map((locale) => (
          <button key={locale} type="button" onClick={() => onStart(locale)}>
            {t('device.start', { language: LANGUAGE_NAMES[locale] ?? locale })}
          </button>
        ))}
      </div>
      <div className="device-actions">
        <button type="button" className="secondary" onClick={onSync} disabled={syncing || queue.length === 0}>
          {syncing ? t('device.syncing') : t('device.sync')}
        </button>
        <button type="button" className="secondary" onClick={onLock}>
          {t('device.lock')}
        </button>
      </div>
      {message && (
        <p className="notice" role="alert">
          {message}
        </p>
      )}
      {refused.length > 0 && (
        <section aria-labelledby="refused-title">
          <h2 id="refused-title">{t('device.refused.title', { count: refused.length })}</h2>
          <p>{t('device.refused.intro')}</p>
          <ul>
            {refused.map((item) => (
              <li key={item.id}>
                {t('device.refused.item', { code: item.refused?.code ?? '' })}
                {item.refused && isKnownReason(item.refused.code) && ` — ${t(`device.refused.reason.${item.refused.code}`)}`}
                {item.refused &&
                  item.refused.paths.length > 0 &&
                  ` — ${t('device.refused.questions', { names: item.refused.paths.join(', ') })}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="device-privacy">{t('device.privacy')}</p>
      <div className="device-actions">
        <button type="button" className="secondary" onClick={onPrepareAgain}>
          {t('device.prepareAgain')}
        </button>
        <button type="button" className="danger" onClick={onForget}>
          {t('device.forget')}
        </button>
      </div>
    </section>
  );
}

const KNOWN_REASONS = ['OUTREACH_CODE_INVALID', 'OUTREACH_CODE_REQUIRED', 'VERSION_MISMATCH', 'SURVEY_CLOSED', 'INVALID_ANSWERS'] as const;

/** The refusals staff get a sentence for (in their language); any other shows its code only. */
function isKnownReason(code: string): code is (typeof KNOWN_REASONS)[number] {
  return (KNOWN_REASONS as readonly string[]).includes(code);
}

function surveyTitle(device: StoredDevice): string {
  const title = (device.survey.definition as { title?: unknown }).title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object') {
    const text = (title as Record<string, unknown>)['default'] ?? (title as Record<string, unknown>)['en'];
    if (typeof text === 'string') return text;
  }
  return device.survey.slug;
}

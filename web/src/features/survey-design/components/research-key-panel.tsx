import { Link } from 'react-router';
import type { SurveyDetail } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResearchKey } from '../hooks/use-research-key';

interface ResearchKeyPanelProps {
  readonly survey: SurveyDetail;
  readonly canEdit: boolean;
  readonly onChanged: (survey: SurveyDetail) => void;
}

/**
 * The research key for free text (issue 17): made here, in the researcher's browser. The public
 * half goes to the server; the secret half only into the file downloaded once, optionally wrapped
 * with a passphrase. Losing the file loses the texts, and the panel says so.
 */
export function ResearchKeyPanel({ survey, canEdit, onChanged }: ResearchKeyPanelProps) {
  const { t } = useStaffTranslation();
  const key = useResearchKey(survey, onChanged);
  const { hasKey } = key;
  if (!survey.hasFreeText && !hasKey) return null;
  const draft = survey.status === 'draft';

  return (
    <section className="panel research-key" aria-labelledby="research-key-title">
      <h2 id="research-key-title">{t('researchKey.title')}</h2>
      <p>{t('researchKey.why')}</p>
      <p className="notice notice--warning">{t('researchKey.lossWarning')}</p>
      {hasKey ? (
        <p role="status">{t('researchKey.set', { fingerprint: (survey.researchPublicKey ?? '').slice(0, 8) })}</p>
      ) : (
        <p role="status">{survey.hasFreeText ? t('researchKey.needed') : t('researchKey.none')}</p>
      )}
      {key.made && (
        <p className="notice" role="alert">
          {t('researchKey.made')}
        </p>
      )}
      <ErrorNotice error={key.error} />
      {canEdit && draft && <ResearchKeyForm {...key} />}
      {!draft && hasKey && <p className="hint">{t('researchKey.lockedNote')}</p>}
      {canEdit && !draft && hasKey && (
        <Link className="button button--secondary" to={`/staff/surveys/${survey.id}/free-text`}>
          {t('researchKey.readLink')}
        </Link>
      )}
    </section>
  );
}

/** The optional passphrase, typed twice, and the button that makes (or replaces) the key. */
function ResearchKeyForm({ passphrase, setPassphrase, again, setAgain, busy, hasKey, make }: ReturnType<typeof useResearchKey>) {
  const { t } = useStaffTranslation();
  return (
    <form className="stack" onSubmit={(event) => void make(event)}>
      <label>
        {t('researchKey.passphrase')}
        <input
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          aria-describedby="research-key-passphrase-help"
        />
        <small id="research-key-passphrase-help">{t('researchKey.passphraseHelp')}</small>
      </label>
      {passphrase !== '' && (
        <label>
          {t('researchKey.passphraseAgain')}
          <input
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            aria-invalid={again !== '' && again !== passphrase}
          />
          {again !== '' && again !== passphrase && <small role="alert">{t('researchKey.mismatch')}</small>}
        </label>
      )}
      <button type="submit" disabled={busy || passphrase !== again} className={hasKey ? 'button--secondary' : undefined}>
        {busy ? t('researchKey.making') : hasKey ? t('researchKey.replace') : t('researchKey.make')}
      </button>
    </form>
  );
}

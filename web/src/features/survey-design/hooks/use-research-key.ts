import { useState, type FormEvent } from 'react';
import { generateResearchKeyPair, makeResearchKeyFile, type SurveyDetail } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { downloadJson, surveysApi } from '../api/surveys-api';

/**
 * Making the research key: the pair is generated here, the public half stored on the server,
 * the secret half (wrapped with the passphrase, if one is given) downloaded once and forgotten.
 */
export function useResearchKey(survey: SurveyDetail, onChanged: (survey: SurveyDetail) => void) {
  const { t } = useStaffTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const hasKey = Boolean(survey.researchPublicKey);

  const make = async (event: FormEvent) => {
    event.preventDefault();
    if (passphrase !== again) return;
    if (hasKey && !window.confirm(t('researchKey.confirmReplace'))) return;
    setBusy(true);
    setError(null);
    setMade(false);
    try {
      const keys = generateResearchKeyPair();
      const file = await makeResearchKeyFile(keys, survey.title, passphrase || undefined);
      // The public key is stored first: a file whose key the survey does not have would be useless.
      const next = await surveysApi.setResearchKey(survey.id, keys.publicKey);
      downloadJson(`candor-research-key-${survey.slug}.json`, file);
      setMade(true);
      setPassphrase('');
      setAgain('');
      onChanged(next);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return { passphrase, setPassphrase, again, setAgain, busy, made, error, hasKey, make };
}

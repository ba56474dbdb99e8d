import { useState, type FormEvent } from 'react';
import { readResearchKeyFile, ResearchKeyFileError, type ResearchKeyPair } from '@candor/shared';
import { useStaffTranslation, type StaffMessageKey } from '../../../lib/staff/staff-i18n';

/**
 * The key file and its passphrase, read in this tab; `onKeys` gets the key pair when it is
 * this survey's. The passphrase is cleared after every attempt.
 */
export function useKeyFile(researchPublicKey: string | null, onKeys: (keys: ResearchKeyPair) => void) {
  const { t } = useStaffTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [keyError, setKeyError] = useState('');
  const [busy, setBusy] = useState(false);

  const applyKey = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setKeyError('');
    setBusy(true);
    try {
      const read = await readResearchKeyFile(await file.text(), passphrase || undefined);
      if (read.publicKey !== researchPublicKey) setKeyError(t('freeText.error.otherSurvey'));
      else onKeys(read);
    } catch (caught) {
      setKeyError(
        caught instanceof ResearchKeyFileError
          ? t(`freeText.error.${caught.reason}` as StaffMessageKey)
          : t('freeText.error.not_a_key_file'),
      );
    } finally {
      setPassphrase('');
      setBusy(false);
    }
  };

  return { file, setFile, passphrase, setPassphrase, keyError, busy, applyKey };
}

import type { ResearchKeyPair } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useKeyFile } from '../hooks/use-key-file';

interface KeyFileFormProps {
  readonly researchPublicKey: string;
  readonly onKeys: (keys: ResearchKeyPair) => void;
}

/** Choose the survey's key file (and its passphrase); nothing of it leaves this tab. */
export function KeyFileForm({ researchPublicKey, onKeys }: KeyFileFormProps) {
  const { t } = useStaffTranslation();
  const { file, setFile, passphrase, setPassphrase, keyError, busy, applyKey } = useKeyFile(researchPublicKey, onKeys);
  return (
    <form className="stack panel" onSubmit={(event) => void applyKey(event)}>
      <label>
        {t('freeText.keyFile')}
        <input type="file" accept="application/json,.json" onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
      </label>
      <label>
        {t('freeText.passphrase')}
        <input type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </label>
      {keyError && (
        <p className="notice notice--error" role="alert">
          {keyError}
        </p>
      )}
      <button type="submit" disabled={busy || !file}>
        {busy ? t('freeText.loading') : t('freeText.openKey')}
      </button>
    </form>
  );
}

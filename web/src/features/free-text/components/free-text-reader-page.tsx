import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import {
  findIdentifyingDetails,
  openSealedText,
  readResearchKeyFile,
  ResearchKeyFileError,
  type IdentifyingKind,
  type ResearchKeyPair,
} from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation, type StaffMessageKey } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { freeTextApi } from '../api/free-text-api';

interface OpenedTexts {
  readonly key: string;
  readonly texts: readonly { readonly text: string; readonly kinds: readonly IdentifyingKind[] }[];
  readonly unreadable: number;
  /** Responses still in the intake: their texts are shown only once mixed. */
  readonly pending: number;
}

/**
 * The research team's reader (issue 17): the key file is read in this tab, each field's sealed
 * texts are fetched (shuffled, bare) and opened here; the texts go only to this screen and, on
 * request, to a file on this device.
 */
export function FreeTextReaderPage() {
  const { id = '' } = useParams();
  const { t } = useStaffTranslation();
  const survey = useResource(() => freeTextApi.survey(id), [id]);
  const fields = useResource(() => freeTextApi.fields(id), [id]);
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [keys, setKeys] = useState<ResearchKeyPair | null>(null);
  const [keyError, setKeyError] = useState('');
  const [field, setField] = useState('');
  const [opened, setOpened] = useState<OpenedTexts | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const applyKey = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !survey.data) return;
    setKeyError('');
    setBusy(true);
    try {
      const read = await readResearchKeyFile(await file.text(), passphrase || undefined);
      if (read.publicKey !== survey.data.researchPublicKey) setKeyError(t('freeText.error.otherSurvey'));
      else setKeys(read);
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

  const show = async (event: FormEvent) => {
    event.preventDefault();
    if (!keys || field === '') return;
    setError(null);
    setOpened(null);
    setBusy(true);
    try {
      const sealed = await freeTextApi.texts(id, field);
      const texts: { text: string; kinds: IdentifyingKind[] }[] = [];
      let unreadable = 0;
      for (const value of sealed.texts) {
        try {
          const text = openSealedText(value, keys);
          texts.push({ text, kinds: findIdentifyingDetails(text) });
        } catch {
          unreadable++;
        }
      }
      setOpened({ key: sealed.key, texts, unreadable, pending: sealed.pending });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const download = () => {
    if (!opened || !survey.data) return;
    const body = opened.texts.map((entry) => entry.text.replace(/\r\n/g, '\n')).join('\n\n---\n\n');
    const blob = new Blob([body + '\n'], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${survey.data.slug}-${opened.key.replace(/[^A-Za-z0-9_-]+/g, '_')}.txt`;
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };

  if (survey.loading && !survey.data) return <p>{t('common.loading')}</p>;
  if (!survey.data) return <ErrorNotice error={survey.error} />;
  const kindsText = (kinds: readonly IdentifyingKind[]) => kinds.map((kind) => t(`freeText.kind.${kind}` as StaffMessageKey)).join(', ');

  return (
    <section className="free-text-reader">
      <h1>{t('freeText.title', { title: survey.data.title })}</h1>
      <p>{t('freeText.intro')}</p>
      {!survey.data.researchPublicKey ? (
        <p role="status">{t('freeText.noKeyOnSurvey')}</p>
      ) : !keys ? (
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
      ) : (
        <>
          <p role="status">{t('freeText.keyReady')}</p>
          {fields.data && fields.data.length === 0 && <p>{t('freeText.noFields')}</p>}
          {fields.data && fields.data.length > 0 && (
            <form className="row" onSubmit={(event) => void show(event)}>
              <label>
                {t('freeText.field')}
                <select value={field} onChange={(e) => setField(e.target.value)} required>
                  <option value="" />
                  {fields.data.map((f) => (
                    <option key={f.key} value={f.key}>
                      {f.title === f.key ? f.key : `${f.title} (${f.key})`}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={busy || field === ''}>
                {busy ? t('freeText.loading') : t('freeText.show')}
              </button>
            </form>
          )}
          <ErrorNotice error={error ?? fields.error} />
          {opened && (
            <div className="free-text-results">
              <p role="status">{opened.texts.length === 0 ? t('freeText.none') : t('freeText.count', { count: opened.texts.length })}</p>
              {opened.pending > 0 && <p className="notice">{t('freeText.pending', { count: opened.pending })}</p>}
              {opened.unreadable > 0 && <p className="notice notice--warning">{t('freeText.unreadable', { count: opened.unreadable })}</p>}
              {opened.texts.length > 0 && (
                <button type="button" className="button--secondary" onClick={download}>
                  {t('freeText.download')}
                </button>
              )}
              <ol className="free-text-list">
                {opened.texts.map((entry, index) => (
                  <li key={index} className={entry.kinds.length > 0 ? 'free-text--identifying' : undefined}>
                    <p className="free-text-body">{entry.text}</p>
                    {entry.kinds.length > 0 && (
                      <p className="notice notice--warning">{t('freeText.looksIdentifying', { kinds: kindsText(entry.kinds) })}</p>
                    )}
                  </li>
                ))}
              </ol>
            </div>
          )}
        </>
      )}
    </section>
  );
}

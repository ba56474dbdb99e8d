import { useState, type FormEvent } from 'react';
import type { ResearchKeyPair } from '@candor/shared';
import { freeTextApi } from '../api/free-text-api';
import { openTexts, type OpenedTexts } from '../model/opened-texts';

/** The chosen free-text field and its texts, fetched sealed and opened in this tab. */
export function useOpenedTexts(id: string, keys: ResearchKeyPair | null) {
  const [field, setField] = useState('');
  const [opened, setOpened] = useState<OpenedTexts | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const show = async (event: FormEvent) => {
    event.preventDefault();
    if (!keys || field === '') return;
    setError(null);
    setOpened(null);
    setBusy(true);
    try {
      setOpened(openTexts(await freeTextApi.texts(id, field), keys));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return { field, setField, opened, busy, error, show };
}

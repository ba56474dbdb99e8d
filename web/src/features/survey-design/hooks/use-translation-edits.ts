import { useState, type ChangeEvent } from 'react';
import {
  editableTextToHtml,
  type ImportTranslationsResult,
  type SurveyDetail,
  type TranslatableString,
  type UpdateDefinitionResult,
} from '@candor/shared';
import { surveysApi } from '../api/surveys-api';

/**
 * Translations typed in one language (by string path) until saved, and a translator's CSV
 * imported for it; either saves a new state of the survey, handed to `onSaved`.
 */
export function useTranslationEdits(
  survey: SurveyDetail,
  locale: string,
  all: readonly TranslatableString[],
  onSaved: (result: UpdateDefinitionResult) => void,
) {
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [imported, setImported] = useState<ImportTranslationsResult | null>(null);

  const save = async () => {
    // Rich text goes back as HTML (cleaned again by the server's allow-list when saved).
    const texts = Object.fromEntries(
      Object.entries(edits).map(([path, text]) => {
        const entry = all.find((s) => s.path === path);
        return [path, entry?.format === 'rich' && text.trim() !== '' ? editableTextToHtml(text) : text];
      }),
    );
    setSaving(true);
    setError(null);
    setImported(null);
    try {
      const result = await surveysApi.saveTranslations(survey.id, locale, texts, survey.currentVersion);
      setEdits({});
      onSaved(result);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  const importCsv = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    setImported(null);
    try {
      const result = await surveysApi.importTranslations(survey.id, locale, await file.text(), survey.currentVersion);
      setEdits({});
      setImported(result);
      onSaved(result);
    } catch (caught) {
      setError(caught);
    }
  };

  return { edits, setEdits, error, saving, imported, save, importCsv };
}

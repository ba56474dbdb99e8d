import { useEffect, useState } from 'react';
import type { DefinitionCheckResult, SurveyDefinition } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { surveysApi } from '../api/surveys-api';

/** Larger than any survey the API accepts: such a file is refused before it is read. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The JSON tab's text and what the server said of it: parse (an object, or a readable error
 * naming the file it came from), check on the server, import a file, apply to the designer.
 */
export function useJsonCheck(definition: SurveyDefinition, onApply: (definition: SurveyDefinition) => void) {
  const { t } = useStaffTranslation();
  const [text, setText] = useState(() => JSON.stringify(definition, null, 2));
  const [result, setResult] = useState<DefinitionCheckResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setText(JSON.stringify(definition, null, 2)), [definition]);

  const parse = (source = text, file?: string): SurveyDefinition | null => {
    try {
      setError(null);
      const parsed = JSON.parse(source) as unknown;
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(t('json.notObject'));
      return parsed as SurveyDefinition;
    } catch (parseError) {
      const message = (parseError as Error).message;
      setError(new Error(file ? t('json.fileParseError', { file, error: message }) : t('json.parseError', { error: message })));
      setResult(null);
      return null;
    }
  };

  const check = async (source = text, file?: string): Promise<DefinitionCheckResult | null> => {
    const parsed = parse(source, file);
    if (!parsed) return null;
    try {
      const checked = await surveysApi.check(parsed);
      setResult(checked);
      return checked;
    } catch (caught) {
      setError(caught);
      return null;
    }
  };

  /** A .json file read here in the browser (never uploaded as a file), then checked like a paste. */
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setResult(null);
    if (file.size > MAX_FILE_BYTES) {
      setError(new Error(t('json.fileTooLarge', { file: file.name })));
      return;
    }
    let source: string;
    try {
      source = await file.text();
    } catch {
      setError(new Error(t('json.fileUnreadable', { file: file.name })));
      return;
    }
    const parsed = parse(source, file.name);
    if (!parsed) return;
    const pretty = JSON.stringify(parsed, null, 2);
    setText(pretty);
    await check(pretty, file.name);
  };

  /** Only a definition the server found valid reaches the designer. */
  const apply = async () => {
    const checked = await check();
    const parsed = parse();
    if (checked?.valid && parsed) onApply(parsed);
  };

  return { text, setText, result, error, check, importFile, apply };
}

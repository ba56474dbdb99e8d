import { useEffect, useState } from 'react';
import type { DefinitionCheckResult, SurveyDefinition } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { surveysApi } from '../api/surveys-api';

interface JsonTabProps {
  readonly definition: SurveyDefinition;
  readonly onApply: (definition: SurveyDefinition) => void;
}

/** Larger than any survey the API accepts: such a file is refused before it is read. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The definition as SurveyJS JSON: edit or import from a file, check on the server, apply to the designer. */
export function JsonTab({ definition, onApply }: JsonTabProps) {
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

  return (
    <div className="json-tab">
      <p>{t('json.help')}</p>
      <p className="json-import">
        <label htmlFor="json-import-file">{t('json.importFile')}</label>{' '}
        <input
          id="json-import-file"
          type="file"
          accept=".json,application/json"
          onChange={(event) => {
            const input = event.currentTarget;
            void importFile(input.files?.[0]).finally(() => (input.value = ''));
          }}
        />
      </p>
      <textarea
        aria-label="SurveyJS JSON"
        className="code json-editor"
        rows={28}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="row">
        <button type="button" className="button--secondary" onClick={() => void check()}>
          {t('json.check')}
        </button>
        <button
          type="button"
          onClick={async () => {
            const checked = await check();
            const parsed = parse();
            if (checked?.valid && parsed) onApply(parsed);
          }}
        >
          {t('json.apply')}
        </button>
      </div>
      <ErrorNotice error={error} />
      {result && result.valid && <p role="status">{t('json.valid', { count: result.questionCount, pairs: result.pairs.length })}</p>}
      {result && result.problems.length > 0 && (
        <div className="notice notice--error" role="alert">
          <p>{t('json.problems')}</p>
          <ul>
            {result.problems.map((problem, index) => (
              <li key={index}>
                <code>{problem.path}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result && result.warnings.length > 0 && (
        <div className="notice">
          <p>{t('json.warnings')}</p>
          <ul>
            {result.warnings.map((warning, index) => (
              <li key={index}>
                <code>{warning.path}</code>: {warning.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { DefinitionCheckResult, SurveyDefinition } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { surveysApi } from '../api/surveys-api';

interface JsonTabProps {
  readonly definition: SurveyDefinition;
  readonly onApply: (definition: SurveyDefinition) => void;
}

/** The definition as SurveyJS JSON: edit, check on the server, apply to the designer. */
export function JsonTab({ definition, onApply }: JsonTabProps) {
  const { t } = useStaffTranslation();
  const [text, setText] = useState(() => JSON.stringify(definition, null, 2));
  const [result, setResult] = useState<DefinitionCheckResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setText(JSON.stringify(definition, null, 2)), [definition]);

  const parse = (): SurveyDefinition | null => {
    try {
      setError(null);
      return JSON.parse(text) as SurveyDefinition;
    } catch (parseError) {
      setError(new Error(t('json.parseError', { error: (parseError as Error).message })));
      setResult(null);
      return null;
    }
  };

  const check = async (): Promise<DefinitionCheckResult | null> => {
    const parsed = parse();
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

  return (
    <div className="json-tab">
      <p>{t('json.help')}</p>
      <textarea aria-label="SurveyJS JSON" className="code" rows={28} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
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

import type { DefinitionCheckResult, SurveyDefinition } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useJsonCheck } from '../hooks/use-json-check';

interface JsonTabProps {
  readonly definition: SurveyDefinition;
  readonly onApply: (definition: SurveyDefinition) => void;
}

/** The definition as SurveyJS JSON: edit or import from a file, check on the server, apply to the designer. */
export function JsonTab({ definition, onApply }: JsonTabProps) {
  const { t } = useStaffTranslation();
  const { text, setText, result, error, check, importFile, apply } = useJsonCheck(definition, onApply);

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
        <button type="button" onClick={apply}>
          {t('json.apply')}
        </button>
      </div>
      <ErrorNotice error={error} />
      {result && <CheckResult result={result} />}
    </div>
  );
}

/** The server's verdict: valid (with what it counted), problems that block, warnings that do not. */
function CheckResult({ result }: { readonly result: DefinitionCheckResult }) {
  const { t } = useStaffTranslation();
  return (
    <>
      {result.valid && <p role="status">{t('json.valid', { count: result.questionCount, pairs: result.pairs.length })}</p>}
      {result.problems.length > 0 && (
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
      {result.warnings.length > 0 && (
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
    </>
  );
}

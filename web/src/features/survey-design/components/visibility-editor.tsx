import { useEffect, useState } from 'react';
import type { SurveyDefinition } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import {
  conditionSentence,
  elementNames,
  expressionToRule,
  findElement,
  questionLabel,
  ruleToExpression,
  sourceText,
  type VisibilityRule,
} from '../model/definition-model';

interface VisibilityEditorProps {
  readonly definition: SurveyDefinition;
  /** The element being edited, which cannot depend on itself. */
  readonly self?: string;
  readonly expression: string | undefined;
  readonly onChange: (expression: string | undefined) => void;
}

/** Skip logic (`visibleIf`) as a sentence: "Show only if <question> is <answer>". */
export function VisibilityEditor({ definition, self, expression, onChange }: VisibilityEditorProps) {
  const { t } = useStaffTranslation();
  const [rule, setRule] = useState<VisibilityRule>(() => expressionToRule(expression));
  useEffect(() => setRule(expressionToRule(expression)), [expression]);

  const questions = elementNames(definition).filter((name) => {
    const element = findElement(definition, name);
    return name !== self && element && !['html', 'panel', 'image', 'expression'].includes(element.type);
  });
  const commit = (next: VisibilityRule) => {
    setRule(next);
    onChange(ruleToExpression(next));
  };
  const question = 'question' in rule ? rule.question : (questions[0] ?? '');
  const target = findElement(definition, question);
  const options = (target?.choices ?? []).map((choice) =>
    typeof choice === 'object'
      ? { value: String(choice.value), text: sourceText(choice.text) || String(choice.value) }
      : { value: String(choice), text: String(choice) },
  );
  const kind = rule.kind;

  return (
    <fieldset className="visibility-editor">
      <legend>{t('designer.showIf')}</legend>
      <div className="row">
        <select
          aria-label={t('designer.showIf')}
          value={kind}
          onChange={(e) => {
            const next = e.target.value as VisibilityRule['kind'];
            if (next === 'always') commit({ kind: 'always' });
            else if (next === 'advanced') commit({ kind: 'advanced', expression: expression ?? '' });
            else if (next === 'answered') commit({ kind: 'answered', question });
            else commit({ kind: next, question, value: 'value' in rule ? rule.value : (options[0]?.value ?? '') });
          }}
        >
          <option value="always">{t('designer.showIf.always')}</option>
          <option value="equals">{t('designer.showIf.equals', { question: '…' })}</option>
          <option value="notEquals">{t('designer.showIf.notEquals', { question: '…' })}</option>
          <option value="includes">{t('designer.showIf.includes', { question: '…' })}</option>
          <option value="answered">{t('designer.showIf.answered', { question: '…' })}</option>
          <option value="advanced">{t('designer.showIf.advanced')}</option>
        </select>
        {kind !== 'always' && kind !== 'advanced' && (
          <select
            aria-label={t('designer.showIf.question')}
            value={question}
            onChange={(e) => commit({ ...rule, question: e.target.value })}
          >
            {questions.map((name) => (
              <option key={name} value={name}>
                {questionLabel(definition, name)}
              </option>
            ))}
          </select>
        )}
        {(kind === 'equals' || kind === 'notEquals' || kind === 'includes') &&
          (options.length > 0 ? (
            <select aria-label={t('designer.showIf.value')} value={rule.value} onChange={(e) => commit({ ...rule, value: e.target.value })}>
              {options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.text}
                </option>
              ))}
            </select>
          ) : (
            <input
              aria-label={t('designer.showIf.value')}
              value={rule.value}
              onChange={(e) => commit({ ...rule, value: e.target.value })}
            />
          ))}
        {kind === 'advanced' && (
          <input
            className="code"
            aria-label={t('designer.showIf.advanced')}
            value={rule.expression}
            onChange={(e) => commit({ kind: 'advanced', expression: e.target.value })}
          />
        )}
      </div>
      {kind === 'advanced' && rule.expression.trim() !== '' && (
        <p className="condition-sentence">
          {t('designer.showIf.sentence', {
            sentence: conditionSentence(definition, rule.expression, {
              is: t('designer.cond.is'),
              isNot: t('designer.cond.isNot'),
              includes: t('designer.cond.includes'),
              isAnswered: t('designer.cond.isAnswered'),
              isEmpty: t('designer.cond.isEmpty'),
              and: t('designer.cond.and'),
              or: t('designer.cond.or'),
            }),
          })}
        </p>
      )}
    </fieldset>
  );
}

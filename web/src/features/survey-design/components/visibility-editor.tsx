import { useEffect, useState } from 'react';
import type { SurveyDefinition } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { elementNames, findElement } from '../model/definition-model';
import { sourceText } from '../model/localized-text';
import { questionLabel } from '../model/question-label';
import { expressionToRule, ruleToExpression, type VisibilityRule } from '../model/visibility-rule';
import { ConditionSentenceNote, RuleKindSelect } from './visibility-rule-fields';

interface VisibilityEditorProps {
  readonly definition: SurveyDefinition;
  /** The element being edited, which cannot depend on itself. */
  readonly self?: string;
  readonly expression: string | undefined;
  readonly onChange: (expression: string | undefined) => void;
}

/** The questions a condition may name: answerable elements other than `self`. */
function conditionQuestions(definition: SurveyDefinition, self: string | undefined): string[] {
  return elementNames(definition).filter((name) => {
    const element = findElement(definition, name);
    return name !== self && element && !['html', 'panel', 'image', 'expression'].includes(element.type);
  });
}

/** The answers of `question` a condition can compare with, by value and source text. */
function answerOptions(definition: SurveyDefinition, question: string): { value: string; text: string }[] {
  const target = findElement(definition, question);
  return (target?.choices ?? []).map((choice) =>
    typeof choice === 'object'
      ? { value: String(choice.value), text: sourceText(choice.text) || String(choice.value) }
      : { value: String(choice), text: String(choice) },
  );
}

/** Skip logic (`visibleIf`) as a sentence: "Show only if <question> is <answer>". */
export function VisibilityEditor({ definition, self, expression, onChange }: VisibilityEditorProps) {
  const { t } = useStaffTranslation();
  const [rule, setRule] = useState<VisibilityRule>(() => expressionToRule(expression));
  useEffect(() => setRule(expressionToRule(expression)), [expression]);

  const questions = conditionQuestions(definition, self);
  const commit = (next: VisibilityRule) => {
    setRule(next);
    onChange(ruleToExpression(next));
  };
  const question = 'question' in rule ? rule.question : (questions[0] ?? '');
  const options = answerOptions(definition, question);
  const kind = rule.kind;
  // A new kind keeps the question and answer already chosen, where it has them.
  const changeKind = (next: VisibilityRule['kind']) => {
    if (next === 'always') commit({ kind: 'always' });
    else if (next === 'advanced') commit({ kind: 'advanced', expression: expression ?? '' });
    else if (next === 'answered') commit({ kind: 'answered', question });
    else commit({ kind: next, question, value: 'value' in rule ? rule.value : (options[0]?.value ?? '') });
  };

  return (
    <fieldset className="visibility-editor">
      <legend>{t('designer.showIf')}</legend>
      <div className="row">
        <RuleKindSelect kind={kind} onChange={changeKind} />
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
        <ConditionSentenceNote definition={definition} expression={rule.expression} />
      )}
    </fieldset>
  );
}

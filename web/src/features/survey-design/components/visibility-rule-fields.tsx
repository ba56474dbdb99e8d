import type { SurveyDefinition } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { conditionSentence } from '../model/condition-sentence';
import type { VisibilityRule } from '../model/visibility-rule';

interface RuleKindSelectProps {
  readonly kind: VisibilityRule['kind'];
  readonly onChange: (kind: VisibilityRule['kind']) => void;
}

/** The kind of condition: always shown, compared with an answer, answered at all, or an expression. */
export function RuleKindSelect({ kind, onChange }: RuleKindSelectProps) {
  const { t } = useStaffTranslation();
  return (
    <select aria-label={t('designer.showIf')} value={kind} onChange={(e) => onChange(e.target.value as VisibilityRule['kind'])}>
      <option value="always">{t('designer.showIf.always')}</option>
      <option value="equals">{t('designer.showIf.equals', { question: '…' })}</option>
      <option value="notEquals">{t('designer.showIf.notEquals', { question: '…' })}</option>
      <option value="includes">{t('designer.showIf.includes', { question: '…' })}</option>
      <option value="answered">{t('designer.showIf.answered', { question: '…' })}</option>
      <option value="advanced">{t('designer.showIf.advanced')}</option>
    </select>
  );
}

interface ConditionSentenceNoteProps {
  readonly definition: SurveyDefinition;
  readonly expression: string;
}

/** An advanced expression read back as a sentence, in the staff UI's language. */
export function ConditionSentenceNote({ definition, expression }: ConditionSentenceNoteProps) {
  const { t } = useStaffTranslation();
  return (
    <p className="condition-sentence">
      {t('designer.showIf.sentence', {
        sentence: conditionSentence(definition, expression, {
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
  );
}

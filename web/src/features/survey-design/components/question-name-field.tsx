import { useEffect, useState } from 'react';
import { isAcceptableQuestionName, type SurveyDefinition } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { elementNames } from '../model/definition-model';

interface QuestionNameFieldProps {
  readonly definition: SurveyDefinition;
  readonly name: string;
  readonly onRename: (to: string) => void;
}

/** The element's name, renamed on leaving the field only when the new name is valid and free. */
export function QuestionNameField({ definition, name, onRename }: QuestionNameFieldProps) {
  const { t } = useStaffTranslation();
  const [draftName, setDraftName] = useState(name);
  useEffect(() => setDraftName(name), [name]);
  const nameTaken = draftName !== name && elementNames(definition).includes(draftName);
  // The server's rule: imported names may hold spaces and hyphens ("Care Provider", "price-to-competitors").
  const nameValid = isAcceptableQuestionName(draftName) && !nameTaken;

  return (
    <label>
      {t('designer.name')}
      <input
        className="code"
        value={draftName}
        aria-invalid={!nameValid}
        onChange={(e) => setDraftName(e.target.value)}
        onBlur={() => {
          if (nameValid && draftName !== name) onRename(draftName);
          else setDraftName(name);
        }}
      />
      <small>{t('designer.nameHelp')}</small>
    </label>
  );
}

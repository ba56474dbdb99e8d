import { useMemo } from 'react';
import { findIdentifyingQuestions, localize, type ElementJson, type SurveyDefinition } from '@candor/shared';
import { useStaffTranslation, type StaffMessageKey } from '../../../lib/staff/staff-i18n';

interface IdentifyingWarningsProps {
  readonly definition: SurveyDefinition;
}

/**
 * Before fielding: the questions whose wording (in any of the survey's languages), input type
 * or upload asks respondents for a name, phone, email, address, handle, exact birth date or
 * photo. The same detector runs in the API's survey check, so the advice is not only here.
 */
export function IdentifyingWarnings({ definition }: IdentifyingWarningsProps) {
  const { locale, t } = useStaffTranslation();
  const found = useMemo(() => findIdentifyingQuestions(definition), [definition]);
  const titles = useMemo(() => questionTitles(definition), [definition]);
  if (found.length === 0) return null;
  return (
    <section className="notice notice--warning identifying-warnings" aria-labelledby="identifying-warnings-title">
      <h2 id="identifying-warnings-title">
        <span aria-hidden="true">⚠ </span>
        {t('identifying.title')}
      </h2>
      <p>{t('identifying.intro')}</p>
      <ul>
        {found.map((question) => (
          <li key={question.name}>
            {t('identifying.item', {
              question: localize(titles.get(question.name), locale, question.name) || question.name,
              kinds: question.kinds.map((kind) => t(`identifying.kind.${kind}` as StaffMessageKey)).join(', '),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

function questionTitles(definition: SurveyDefinition): Map<string, ElementJson['title']> {
  const titles = new Map<string, ElementJson['title']>();
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as ElementJson[]) {
      if (!element || typeof element !== 'object') continue;
      if (typeof element.name === 'string' && element.title !== undefined) titles.set(element.name, element.title);
      visit(element.elements);
      visit(element['templateElements']);
    }
  };
  visit(definition.elements);
  for (const page of Array.isArray(definition.pages) ? definition.pages : []) visit(page?.elements);
  return titles;
}

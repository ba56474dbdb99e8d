import type { ElementJson } from '../survey-definition';
import { addCondition, type CompileContext } from './context';
import type { QuestionRules } from './rules';
import type { ContainerSpec, QuestionSpec } from './types';

/** What every question kind shares: its name, visibility, requirement, containers and text rules. */
export type QuestionBase = Omit<QuestionSpec, 'kind' | 'choices'>;

/** The facts every kind of question has; its conditions are recorded in the order survey-core lists them. */
export function questionBase(
  context: CompileContext,
  element: ElementJson,
  name: string,
  path: string,
  rules: QuestionRules,
  containers: readonly ContainerSpec[],
): QuestionBase {
  return {
    name,
    type: element.type,
    visible: element.visible !== false,
    visibleIf: addCondition(context, element.visibleIf, `${path}.visibleIf`),
    required: element.isRequired === true,
    requiredIf: addCondition(context, element.requiredIf, `${path}.requiredIf`),
    readOnly: element['readOnly'] === true,
    enableIf: addCondition(context, element['enableIf'], `${path}.enableIf`),
    customChoices: element['allowCustomChoices'] === true && (element.type === 'dropdown' || element.type === 'tagbox'),
    containers,
    hasOther: element['showOtherItem'] === true || element['hasOther'] === true,
    hasComment: element['showCommentArea'] === true || element['hasComment'] === true,
    expressionValidators: rules.expressionValidators,
    navigation: element['candorRole'] === 'section-skip',
    text: rules.text,
  };
}

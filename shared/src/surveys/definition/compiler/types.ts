import type { ChoiceValue } from '../survey-definition';
import type { SafePattern } from '../safe-regex';
import type { DateRules } from './dates';

/**
 * A survey definition compiled once per version into the plain facts the answer
 * validator needs: which questions exist, which values each accepts, and the
 * conditions that show or require them. Building this is the expensive part; using
 * it is a few map look-ups and condition evaluations per answer.
 */
export type QuestionKind =
  'text' | 'number' | 'date' | 'single' | 'multi' | 'boolean' | 'matrix' | 'matrixdropdown' | 'multipletext' | 'expression';

/** One box of a `multipletext` question: its answer is text (or a number), never published. */
export interface TextItemSpec {
  readonly name: string;
  readonly kind: 'text' | 'number';
  readonly required: boolean;
  readonly text: TextRules;
  readonly number?: NumberRules;
}

export interface ChoiceSpec {
  readonly value: ChoiceValue;
  readonly visibleIf?: string;
  /** `none`, `refused` and `dontknow` must stand alone in a multi-select answer. */
  readonly exclusive: boolean;
  /** A special item ("none", "refused", "don't know", "other"): `choicesVisibleIf` does not filter it. */
  readonly special?: boolean;
}

export interface ContainerSpec {
  readonly kind: 'page' | 'panel';
  readonly name: string;
  readonly visible: boolean;
  readonly visibleIf?: string;
  /** A read-only or disabled page or panel: survey-core requires nothing inside it. */
  readonly readOnly?: boolean;
  readonly enableIf?: string;
}

/** A panel with `isRequired` / `requiredIf`: at least one question inside must be answered. */
export interface PanelRequirement {
  readonly name: string;
  readonly required: boolean;
  readonly requiredIf?: string;
  /** The panel itself last. */
  readonly containers: readonly ContainerSpec[];
  readonly questions: readonly string[];
}

export interface TextRules {
  readonly minLength?: number;
  readonly maxLength: number;
  readonly patterns: readonly SafePattern[];
  readonly allowDigits: boolean;
  /** A `numeric` validator on text: the text must read as a number within these bounds. */
  readonly numeric?: NumberRules;
  /** `inputType: 'email'` or an `email` validator: survey-core's e-mail pattern. */
  readonly email?: boolean;
}

export interface NumberRules {
  readonly min?: number;
  readonly max?: number;
  /** `minValueExpression` / `maxValueExpression`, evaluated against the answers. */
  readonly minExpression?: string;
  readonly maxExpression?: string;
}

export interface QuestionSpec {
  readonly name: string;
  readonly type: string;
  readonly kind: QuestionKind;
  readonly visible: boolean;
  readonly visibleIf?: string;
  readonly required: boolean;
  readonly requiredIf?: string;
  /** Read-only or disabled (`enableIf`) questions are never required, as in survey-core. */
  readonly readOnly?: boolean;
  readonly enableIf?: string;
  /** `allowCustomChoices`: the respondent may add a value of their own (kept, never published). */
  readonly customChoices?: boolean;
  /** Matrix `rowsVisibleIf` / `columnsVisibleIf`, evaluated with `{item}` set to each row or column. */
  readonly rowsVisibleIf?: string;
  readonly columnsVisibleIf?: string;
  /** `choicesVisibleIf`, evaluated with `{item}` set to each (non-special) choice. */
  readonly choicesVisibleIf?: string;
  /** `choicesFromQuestion`: the choices are another question's, all of them or only those chosen (or not) there. */
  readonly choicesFrom?: { readonly question: string; readonly mode: 'all' | 'selected' | 'unselected' };
  /** Page and panels that contain the question, outermost first. */
  readonly containers: readonly ContainerSpec[];
  readonly choices: readonly ChoiceSpec[];
  readonly hasOther: boolean;
  readonly hasComment: boolean;
  readonly minSelected?: number;
  readonly maxSelected?: number;
  readonly text?: TextRules;
  readonly number?: NumberRules;
  /** Date and time inputs: format, bounds and the precision answers are stored at. */
  readonly date?: DateRules;
  readonly booleanValues?: readonly [unknown, unknown];
  readonly rows?: readonly ChoiceSpec[];
  readonly eachRowRequired?: boolean;
  /** The boxes of a `multipletext` question. */
  readonly items?: readonly TextItemSpec[];
  /** The columns of a `matrixdropdown` question: each cell is validated as this question would be. */
  readonly columns?: readonly QuestionSpec[];
  /** `expression` validators: the answer is rejected when the expression is false. */
  readonly expressionValidators: readonly string[];
  /** A "skip this section?" question (`candorRole: 'section-skip'`): navigation, not data. */
  readonly navigation: boolean;
}

export interface CompiledSurvey {
  readonly questions: ReadonlyMap<string, QuestionSpec>;
  /** Comment keys (`q-Comment`) and the question each belongs to. */
  readonly commentKeys: ReadonlyMap<string, string>;
  /** Every condition in the survey, so an evaluator can be warmed or checked up front. */
  readonly conditions: readonly string[];
  /** The longest free text accepted anywhere in the survey. */
  readonly maxTextLength: number;
  /** Panels that require at least one answer inside. */
  readonly panels?: readonly PanelRequirement[];
}

export interface DefinitionProblem {
  readonly path: string;
  readonly message: string;
}

export class InvalidDefinitionError extends Error {
  constructor(readonly problems: readonly DefinitionProblem[]) {
    super(`The survey definition has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidDefinitionError';
  }
}

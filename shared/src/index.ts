/**
 * @candor/shared — the only entry point. Framework-free: no Nest, React or TypeORM here.
 */
export {
  ERROR_CODES,
  ERROR_STATUS,
  isApiErrorBody,
  type ApiErrorBody,
  type ErrorCode,
  type ErrorDetail,
} from './contracts/errors';
export {
  SUBMISSION_LIMITS,
  type PublicPrivacySettings,
  type PublicSurvey,
  type SubmitResponseRequest,
  type SubmitResponseResult,
  type TimeGranularity,
} from './contracts/public-surveys';
export {
  COMMENT_SUFFIX,
  SPECIAL_VALUES,
  localize,
  type ChoiceItemJson,
  type ChoiceJson,
  type ChoiceValue,
  type ElementJson,
  type LocalizableString,
  type PageJson,
  type SurveyDefinition,
  type ValidatorJson,
} from './surveys/survey-definition';
export {
  InvalidDefinitionError,
  QUESTION_NAME_PATTERN,
  compileSurvey,
  type ChoiceSpec,
  type CompiledSurvey,
  type ContainerSpec,
  type DefinitionProblem,
  type QuestionKind,
  type QuestionSpec,
} from './surveys/compile-survey';
export {
  validateAnswers,
  type AnswerProblem,
  type AnswerProblemCode,
  type ConditionEvaluator,
} from './surveys/validate-answers';
export {
  PAIR_SUFFIXES,
  QUALIFYING_ANSWER,
  QUALIFYING_PAIR_STEM,
  findQuestionPairs,
  pairQuestionName,
  type QuestionPair,
} from './surveys/question-pairs';
export { DEMO_SURVEY_DEFINITION, DEMO_SURVEY_SLUG } from './surveys/demo-survey';
export { coarsePeriod } from './surveys/coarse-period';
export { canonicalJson } from './surveys/canonical-json';
export {
  STAFF_ROLES,
  CSRF_HEADER,
  PASSWORD_RULES,
  type AuditEvent,
  type CreateStaffUserRequest,
  type LoginRequest,
  type StaffRole,
  type StaffSession,
  type StaffUser,
  type UpdateStaffUserRequest,
} from './contracts/staff';
export {
  DEFAULT_PRIVACY_SETTINGS,
  PRIVACY_LIMITS,
  type CreateSurveyRequest,
  type DefinitionCheckResult,
  type PrivacySettings,
  type SurveyDetail,
  type SurveySource,
  type SurveyStatus,
  type SurveySummary,
  type SurveyVersionSummary,
  type TranslationsView,
  type UpdateDefinitionRequest,
  type UpdateSurveyRequest,
  type UpdateTranslationsRequest,
  type UpdateDefinitionResult,
} from './contracts/surveys-admin';
export {
  POLICY_IMPACT_DEFAULTS,
  buildPolicyImpactSurvey,
  formatEventDate,
  type PolicyImpactConfig,
} from './surveys/policy-impact-template';
export {
  SOURCE_LOCALE,
  TranslationPathError,
  applyTranslations,
  countMissingTranslations,
  listTranslatableStrings,
  type TranslatableString,
} from './surveys/translations';
export { diffDefinitions, type DefinitionChange } from './surveys/diff-definitions';
export { checkDefinition } from './surveys/check-definition';

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
  OUTREACH_CODE,
  normalizeOutreachCode,
  type PublicPrivacySettings,
  type SubmissionProtection,
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
export * from './statistics/index';
export * from './contracts/publications';
export { MIN_K, isSmallCount, proportionPublishable } from './disclosure/small-counts';
export {
  DEFAULT_PTABLE,
  cellKeyNoise,
  cellKeyOf,
  cellKeyPerturb,
  cellKeyRange,
  ons105Range,
  randomRoundBase5,
  roundOns105,
  type PTableRow,
  type Perturbation,
} from './disclosure/perturbation';
export {
  auditIntervals,
  targetPasses,
  type AuditTarget,
  type IntervalProblem,
  type IntervalSolver,
  type LinearConstraint,
  type LinearTerm,
  type TargetResult,
} from './disclosure/interval-audit';
export { createHighsIntervalSolver, type HighsModule } from './disclosure/highs-solver';
export { twoWayTableProblem, type TwoWayTable } from './disclosure/two-way-table';
export { smallChanges, type HeldChange } from './disclosure/time-rule';
export {
  NOT_ANSWERED,
  REFUSED,
  buildCatalogue,
  type Catalogue,
  type CatalogueOptions,
  type CatalogueTable,
  type Dimension,
  type DimensionSource,
  type Joint,
  type PairTable,
} from './publishing/catalogue';
export { CELL_SEPARATOR, JointSpace, type CellCount, type JointCounts } from './publishing/joint-space';
export { buildRelease, type LedgerEntry, type LedgerValue, type ReleaseInput, type ReleaseResult, type ReleaseSettings } from './publishing/release';
export { categoryOf, countJointsInMemory } from './publishing/count-in-memory';
export { seededRandom, syntheticPolicyImpactAnswers, type Random } from './surveys/synthetic-policy-impact';
export { snapshotToCsv } from './publishing/snapshot-csv';
export { findIdentifyingDetails, privacyNotice, type IdentifyingKind, type PrivacyNotice } from './surveys/privacy-notice';
export type { CreateOutreachBatchRequest, CreatedOutreachBatch, OutreachBatch } from './contracts/outreach';
export { createVisibility, type Visibility } from './surveys/visibility';
export { safetyGuide, type SafetyGuide } from './surveys/safety-guide';

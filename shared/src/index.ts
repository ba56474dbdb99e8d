/**
 * @candor/shared — the only entry point. Framework-free: no Nest, React or TypeORM here.
 */
export { ERROR_CODES, ERROR_STATUS, isApiErrorBody, type ApiErrorBody, type ErrorCode, type ErrorDetail } from './contracts/errors';
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
} from './surveys/definition/survey-definition';
export {
  InvalidDefinitionError,
  QUESTION_NAME_PATTERN,
  isAcceptableQuestionName,
  compileSurvey,
  type ChoiceSpec,
  type CompiledSurvey,
  type ContainerSpec,
  type DefinitionProblem,
  type QuestionKind,
  type QuestionSpec,
} from './surveys/definition/compile-survey';
export {
  validateAnswers,
  type AnswerProblem,
  type AnswerProblemCode,
  type ConditionEvaluator,
  type ValidationOptions,
} from './surveys/definition/validate-answers';
export { coarsenAnswers } from './surveys/respondent/coarsen-answers';
export { normalizeLegacyElements } from './surveys/definition/compiler/legacy';
export { SURVEYJS_EMAIL_PATTERN, toSurveyNumber } from './surveys/definition/compiler/survey-values';
export type { DateRules, DatePrecision, DateInputType } from './surveys/definition/compiler/dates';
export {
  PAIR_SUFFIXES,
  QUALIFYING_ANSWER,
  QUALIFYING_PAIR_STEM,
  findQuestionPairs,
  pairQuestionName,
  type QuestionPair,
} from './surveys/templates/question-pairs';
export { DEMO_SURVEY_DEFINITION, DEMO_SURVEY_SLUG } from './surveys/templates/demo-survey';
export {
  ABILITY_SCALE,
  FREQUENCY_SCALE,
  NO_TEXT,
  REFUSE_TEXT,
  SPECIAL_ANSWERS,
  YES_NO_SCALE,
  YES_TEXT,
  localizableText,
  refuseItem,
  refuseText,
  shippedTextIn,
  type ShippedText,
  type SpecialAnswer,
} from './surveys/templates/answer-scales';
export { coarsePeriod } from './surveys/respondent/coarse-period';
export { canonicalJson } from './surveys/definition/canonical-json';
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
  type CoarseCount,
  type DefinitionCheckResult,
  type PrivacySettings,
  type SurveyDetail,
  type SetResearchKeyRequest,
  type FreeTextFieldSummary,
  type SealedTexts,
  type SurveySource,
  type SurveyStatus,
  type SurveySummary,
  type SurveyVersionSummary,
  type TranslationsView,
  type UpdateDefinitionRequest,
  type UpdateSurveyRequest,
  type UpdateTranslationsRequest,
  type ImportTranslationsRequest,
  type ImportTranslationsResult,
  type UpdateDefinitionResult,
} from './contracts/surveys-admin';
export {
  POLICY_IMPACT_DEFAULTS,
  buildPolicyImpactSurvey,
  formatEventDate,
  type PolicyImpactConfig,
} from './surveys/templates/policy-impact-template';
export {
  SOURCE_LOCALE,
  TranslationPathError,
  applyTranslations,
  countMissingTranslations,
  listTranslatableStrings,
  recordTranslationSources,
  staleTranslations,
  translationFormat,
  type TranslatableString,
  type TranslationFormat,
  type TranslationSources,
} from './surveys/definition/translations';
export { editableTextToHtml, htmlToEditableText, looksLikeHtml, richTextFits, sourceHash } from './surveys/definition/rich-text';
export {
  TranslationImportError,
  parseCsvRecords,
  parseTranslationCsv,
  translationColumn,
  translationsToCsv,
  type TranslationImport,
  type TranslationImportProblem,
} from './surveys/definition/translation-csv';
export {
  LANGUAGE_NAME_MAX,
  UI_LOCALES,
  hasUiStrings,
  isIsoLanguage,
  isoLanguages,
  languageEnglishName,
  languageName,
  languageNameProblem,
  uiLocaleFor,
  type SurveyLanguage,
  type UiLocale,
} from './surveys/definition/languages';
export {
  MONITOR_MAX_PERIODS,
  fieldingMonitor,
  nextPeriodStart,
  type FieldingMonitor,
  type MonitorInput,
  type MonitorPeriod,
} from './publishing/fielding-monitor';
export { diffDefinitions, type DefinitionChange } from './surveys/definition/diff-definitions';
export { checkDefinition } from './surveys/definition/check-definition';
export {
  findIdentifyingQuestions,
  IDENTIFYING_QUESTION_KINDS,
  type IdentifyingQuestion,
  type IdentifyingQuestionKind,
} from './surveys/respondent/identifying-questions';
export { compileSafePattern, REGEX_LIMITS, type PatternCompilation, type SafePattern } from './surveys/definition/safe-regex';
export { isSameSiteUrl } from './surveys/definition/same-site-url';
export {
  RESEARCHER_HTML_ATTRIBUTE_NAMES,
  RESEARCHER_HTML_ATTRIBUTES,
  RESEARCHER_HTML_SCHEMES,
  RESEARCHER_HTML_TAGS,
  researcherAttributeAllowed,
  researcherImageAllowed,
  researcherLinkAllowed,
} from './surveys/definition/researcher-html-policy';
export {
  researcherAddressHook,
  researcherAttributeHook,
  researcherPurifyConfig,
  researcherSanitizeHtmlOptions,
} from './surveys/definition/researcher-html-sanitizers';
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
  AuditSolveError,
  SolutionPool,
  auditIntervals,
  failsOnEveryNarrowing,
  targetPasses,
  type AuditStats,
  type AuditTarget,
  type IntervalProblem,
  type IntervalSolver,
  type LinearConstraint,
  type LinearTerm,
  type TargetResult,
} from './disclosure/interval-audit';
export { createHighsIntervalSolver, createHighsTextIntervalSolver, type HighsModule } from './disclosure/highs-solver';
export { createPersistentHighsIntervalSolver, type PersistentHighs, type PersistentSolverStats } from './disclosure/audit-model-solver';
export { twoWayTableProblem, type TwoWayTable } from './disclosure/two-way-table';
export { smallChanges, type HeldChange } from './disclosure/time-rule';
export {
  CUSTOM_AUDIT_CELL_LIMIT,
  CUSTOM_CELL_SEPARATOR,
  auditCustomJoints,
  jointSize,
  type PinnedCustomCell,
  RECORD_KEY_MODULUS,
  addKeySums,
  countCustomTableInMemory,
  customCellConditions,
  customCellId,
  customTableBounds,
  customTableKnown,
  customTableNoise,
  customTablePTable,
  customTableSource,
  heldCustomCells,
  perturbCustomCount,
  protectCustomTable,
  type CategorisedRecord,
  type CellCondition,
  type CustomTableJoint,
  type CustomTableSource,
  type KeyedCount,
  type ProtectedCustomTable,
  type ReleasedSum,
} from './disclosure/cell-key-table';
export { viewsOfEarlierDays, type ShownCustomView } from './disclosure/custom-views';
export { CUSTOM_AUDIT_DAY_CELL_LIMIT, CustomAuditTooLargeError } from './disclosure/custom-audit-days';
export {
  customAuditQuestions,
  releasedEarlier,
  releasedSumsFor,
  type EarlierDays,
  type ReleaseContext,
} from './publishing/custom-table-release';
export type * from './contracts/custom-tables';
export {
  NOT_ANSWERED,
  REFUSED,
  type Catalogue,
  type CatalogueOptions,
  type CatalogueTable,
  type Dimension,
  type DimensionSource,
  type Joint,
  type PairTable,
} from './publishing/catalogue';
export { buildCatalogue } from './publishing/catalogue-builder';
export { CELL_SEPARATOR, JointSpace, type CellCount, type JointCounts } from './publishing/joint-space';
export {
  buildRelease,
  type CustomViewsInput,
  type LedgerEntry,
  type LedgerValue,
  type ReleaseInput,
  type ReleaseResult,
  type ReleaseSettings,
} from './publishing/release';
export { snapshotToCsv } from './publishing/snapshot-csv';
export {
  canonicalValues,
  coarseCount,
  distinctReleases,
  heldAgainstShown,
  previewForStaff,
  type StaffPreviewSettings,
} from './publishing/staff-release';
export {
  planRelease,
  syntheticAnswersForCatalogue,
  type PlanSettings,
  type PlannedFigure,
  type PlannedOutcome,
  type PlannedRelease,
} from './publishing/release-plan';
export { CLOCK_FUNCTIONS, clockFunctionsIn, findClockFunctions } from './surveys/respondent/clock-functions';
export { findIdentifyingDetails, privacyNotice, type IdentifyingKind, type PrivacyNotice } from './surveys/respondent/privacy-notice';
export type { CreateOutreachBatchRequest, CreatedOutreachBatch, OutreachBatch } from './contracts/outreach';
export { SEALED_BOX } from './contracts/outreach-devices';
export type {
  OutreachDevice,
  OutreachDevicePolicy,
  OutreachUploadRequest,
  PreparedOutreachDevice,
  PrepareOutreachDeviceRequest,
  SealedSubmission,
} from './contracts/outreach-devices';
export { createVisibility, type Visibility } from './surveys/respondent/visibility';
export { safetyGuide, type SafetyGuide, type SafetyPath } from './surveys/respondent/safety-guide';
export {
  closingHtml,
  foreseeablePages,
  isLastForeseeablePage,
  pageProgress,
  type PageProgress,
} from './surveys/respondent/respondent-journey';
export {
  generateResearchKeyPair,
  isResearchPublicKey,
  isSealedText,
  makeResearchKeyFile,
  openSealedText,
  readResearchKeyFile,
  ResearchKeyFileError,
  sealText,
  sealedLengthFor,
  SEALED_PREFIX,
  type ResearchKeyFile,
  type ResearchKeyPair,
} from './crypto/sealed-text';
export { freeTextFields, freeTextIsSealed, hasFreeText, sealFreeText, type FreeTextField } from './surveys/respondent/free-text';

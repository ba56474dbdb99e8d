import type { SurveyDefinition } from '../surveys/definition/survey-definition';
import type { TimeGranularity } from './public-surveys';

export type SurveyStatus = 'draft' | 'open' | 'closed';

/**
 * The settings that lock when fielding starts (P9, docs/PRIVACY.md): disclosure thresholds,
 * time granularity, retention, and the cross-tabs declared for publication.
 */
export interface PrivacySettings {
  /** Smallest publishable count (D3); at least 5. */
  readonly k: number;
  /** Nothing is published for fewer responses than this (D2). */
  readonly minResponses: number;
  /** No subgroup table with a base under this (D2). */
  readonly minGroup: number;
  readonly timeGranularity: TimeGranularity;
  /** Raw responses of a closed survey are deleted this many days after closing (P8). */
  readonly retentionDays: number;
  /** Grouping questions for cross-tabs: each entry lists one or two question names (D1). */
  readonly crosstabs: readonly (readonly string[])[];
  /** Optional perturbation of published counts (D8). */
  readonly perturbation: import('../disclosure/perturbation').Perturbation;
  /** Submissions need a single-use code from a printed outreach card (P7); false when omitted. */
  readonly requiresOutreachCode?: boolean;
}

export const PRIVACY_LIMITS = {
  k: { min: 5, max: 100, default: 11 },
  minResponses: { min: 10, max: 100000, default: 100 },
  minGroup: { min: 5, max: 10000, default: 40 },
  retentionDays: { min: 1, max: 3650, default: 365 },
  maxCrosstabs: 10,
  maxGroupingQuestions: 2,
} as const;

export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = {
  k: PRIVACY_LIMITS.k.default,
  minResponses: PRIVACY_LIMITS.minResponses.default,
  minGroup: PRIVACY_LIMITS.minGroup.default,
  timeGranularity: 'day',
  retentionDays: PRIVACY_LIMITS.retentionDays.default,
  crosstabs: [],
  perturbation: 'none',
  requiresOutreachCode: false,
};

/**
 * A live response count as staff see it (P4): rounded down to a multiple of `step` (the
 * survey's k), and at least the release floor once that is reached — never the exact count.
 */
export interface CoarseCount {
  readonly atLeast: number;
  readonly step: number;
  /** True once the survey has at least its release floor (`minResponses`). */
  readonly floorReached: boolean;
}

export interface SurveySummary {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly status: SurveyStatus;
  readonly locales: readonly string[];
  /** Names respondents see for the survey's languages, where the researcher gave one (else the language's own name). */
  readonly languageNames: Readonly<Record<string, string>>;
  readonly currentVersion: number;
  /** Staff see roughly how many responses arrived (P4, coarse); the public never does. */
  readonly responseCount: CoarseCount;
  readonly openedAt: string | null;
  readonly closedAt: string | null;
  readonly updatedAt: string;
}

export interface SurveyDetail extends SurveySummary {
  readonly privacy: PrivacySettings;
  /** True once fielding started: privacy settings can no longer change. */
  readonly settingsLocked: boolean;
  readonly definition: SurveyDefinition;
  readonly versionId: string;
  /**
   * The research team's public key (issue 17), to which free-text answers are sealed; null
   * until a researcher makes one. Fielding a survey with free text needs it.
   */
  readonly researchPublicKey: string | null;
  /** Whether the current version asks for free text (so fielding needs a research key). */
  readonly hasFreeText: boolean;
}

/** `PUT /api/surveys/:id/research-key`: the public half of a key pair made in the researcher's browser. */
export interface SetResearchKeyRequest {
  readonly publicKey: string;
}

/** `GET /api/surveys/:id/free-text`: the free-text fields of the fielded versions, for the reader. */
export interface FreeTextFieldSummary {
  /** `q`, `q-Comment`, `q.box` or `q.row.column`. */
  readonly key: string;
  readonly question: string;
  /** The question's title in English (or its name). */
  readonly title: string;
}

/**
 * `GET /api/surveys/:id/free-text/:key`: the sealed answers to one field, in random order,
 * with no ids, periods, versions or other answers beside them.
 */
export interface SealedTexts {
  readonly key: string;
  /** The texts of mixed responses only, so reading again tells nothing about what arrived in between. */
  readonly texts: readonly string[];
  /** Responses still in the intake (all fields): their texts appear after the next mix. */
  readonly pending: number;
}

export interface SurveyVersionSummary {
  readonly number: number;
  readonly id: string;
  readonly createdAt: string;
  readonly createdBy: string | null;
  readonly responseCount: CoarseCount;
}

export type SurveySource = 'blank' | 'json' | 'template';

export interface CreateSurveyRequest {
  readonly slug: string;
  readonly title: string;
  readonly source: SurveySource;
  /** Required for `json` and `template` (the web app builds the template in shared/). */
  readonly definition?: SurveyDefinition;
  readonly locales?: readonly string[];
}

export interface UpdateDefinitionRequest {
  readonly definition: SurveyDefinition;
  /** The version the edit started from; a stale one is refused (409) so no edit is lost. */
  readonly baseVersion: number;
}

export interface UpdateDefinitionResult {
  readonly survey: SurveyDetail;
  /** True when the edit created a new version (the old one had responses or fielding had started). */
  readonly newVersion: boolean;
}

export interface DefinitionCheckResult {
  readonly valid: boolean;
  /** Errors: the definition cannot be saved. */
  readonly problems: readonly { readonly path: string; readonly message: string }[];
  /** Advice: it can be saved, but a researcher should look (pairs, "Prefer not to say", …). */
  readonly warnings: readonly { readonly path: string; readonly message: string }[];
  readonly questionCount: number;
  readonly pairs: readonly string[];
}

export interface UpdateSurveyRequest {
  readonly title?: string;
  readonly slug?: string;
  /** ISO 639-1 codes; English (the source) first. */
  readonly locales?: readonly string[];
  /** code → the name respondents see; codes not listed keep their own name. */
  readonly languageNames?: Readonly<Record<string, string>>;
}

export interface TranslationsView {
  readonly locales: readonly string[];
  readonly version: number;
  readonly strings: readonly import('../surveys/definition/translations').TranslatableString[];
  readonly missing: Readonly<Record<string, number>>;
  /** Per language, the strings whose source changed since they were translated. */
  readonly stale: Readonly<Record<string, readonly string[]>>;
}

export interface ImportTranslationsRequest {
  readonly locale: string;
  /** The translator's CSV (see `translationsToCsv`). */
  readonly csv: string;
  readonly baseVersion: number;
}

export interface ImportTranslationsResult extends UpdateDefinitionResult {
  readonly imported: number;
  readonly skipped: number;
}

export interface UpdateTranslationsRequest {
  readonly locale: string;
  readonly texts: Readonly<Record<string, string>>;
  readonly baseVersion: number;
}

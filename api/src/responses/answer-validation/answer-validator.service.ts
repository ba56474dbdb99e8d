import { Injectable } from '@nestjs/common';
import {
  coarsenAnswers,
  compileSurvey,
  sealFreeText,
  validateAnswers,
  type AnswerProblem,
  type CompiledSurvey,
  type ConditionEvaluator,
  type SurveyDefinition,
} from '@candor/shared';
import { createConditionEvaluator } from './survey-core-conditions';

export interface CompiledVersion {
  readonly definitionHash: string;
  readonly compiled: CompiledSurvey;
  readonly evaluate: ConditionEvaluator;
  /** The survey's research public key: free text is stored sealed to it (issue 17). */
  readonly researchKey: string | null;
}

/**
 * How the answers arrived (issue 17): from a browser that seals free text itself (the JSON
 * API), or as typed, from the no-JS form, for the server to seal on receipt.
 */
export type FreeTextArrival = 'sealed-by-browser' | 'sealed-on-receipt';

/** Compiled versions kept in memory; a version is compiled once, not per response. */
const MAX_CACHED_VERSIONS = 256;

/**
 * Validates answers against a survey version (P3, docs/PRIVACY.md). Each version is compiled
 * once into plain rules and cached by id and definition hash. No survey-core `Model`
 * is created per request: a model retains megabytes even after `dispose()`.
 */
@Injectable()
export class AnswerValidatorService {
  private readonly cache = new Map<string, CompiledVersion>();

  isCompiled(versionId: string, definitionHash: string): boolean {
    return this.cache.get(versionId)?.definitionHash === definitionHash;
  }

  /**
   * `researchKey`: the survey's research public key (fixed once fielding started, so a version
   * that takes answers keeps the key it was compiled with).
   */
  compile(versionId: string, definitionHash: string, definition: SurveyDefinition, researchKey: string | null = null): void {
    const compiled = compileSurvey(definition);
    this.cache.delete(versionId);
    if (this.cache.size >= MAX_CACHED_VERSIONS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(versionId, { definitionHash, compiled, evaluate: createConditionEvaluator(), researchKey });
  }

  /**
   * The one place a version is compiled when needed: nothing happens when this definition is
   * compiled already; otherwise the definition is read (`definition` may be a loader, so a
   * request that finds the version compiled reads nothing more) and compiled.
   */
  async ensureCompiled(
    version: { readonly id: string; readonly definitionHash: string },
    definition: SurveyDefinition | (() => Promise<SurveyDefinition>),
    researchKey: string | null,
  ): Promise<void> {
    if (this.isCompiled(version.id, version.definitionHash)) return;
    const loaded = typeof definition === 'function' ? await definition() : definition;
    this.compile(version.id, version.definitionHash, loaded, researchKey);
  }

  /** Whether this version was compiled (versions that take answers never change). */
  isCompiledVersion(versionId: string): boolean {
    return this.cache.has(versionId);
  }

  /** The compiled version and its condition evaluator (for the no-JS form's skip logic). */
  entry(versionId: string): CompiledVersion {
    const entry = this.cache.get(versionId);
    if (!entry) throw new Error(`survey version ${versionId} was not compiled`);
    return entry;
  }

  /** What is stored of answers that passed {@link validate}: dates cut to the survey's precision. */
  /**
   * The answers as they are stored (dates cut to the survey's precision). A version that was
   * not compiled here is not the open survey's current one (the intake compiles that before
   * writing), so the intake statement will store nothing: the answers pass through unchanged.
   */
  storedAnswers(versionId: string, answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const entry = this.cache.get(versionId);
    if (!entry) return { ...answers };
    return sealedForStorage(entry, coarsenAnswers(entry.compiled, answers));
  }

  /**
   * Checks answers against the version. With a research key, free text from a browser must
   * arrive sealed (only its shape and size can be checked); from the no-JS form it may be
   * plain (checked in full, then sealed by {@link storedAnswers}) or sealed already.
   */
  validate(versionId: string, answers: unknown, arrival: FreeTextArrival = 'sealed-by-browser'): AnswerProblem[] {
    const entry = this.cache.get(versionId);
    if (!entry) throw new Error(`survey version ${versionId} was not compiled`);
    const sealedText = entry.researchKey === null ? undefined : arrival === 'sealed-by-browser' ? 'required' : 'allowed';
    return validateAnswers(entry.compiled, answers, entry.evaluate, { sealedText });
  }
}

/** Free text sealed to the survey's research key before it is written anywhere (issue 17). */
function sealedForStorage(entry: CompiledVersion, answers: Record<string, unknown>): Record<string, unknown> {
  return entry.researchKey === null ? answers : sealFreeText(entry.compiled, answers, entry.researchKey);
}

import { Injectable } from '@nestjs/common';
import {
  compileSurvey,
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
}

/** Compiled versions kept in memory; a version is compiled once, not per response. */
const MAX_CACHED_VERSIONS = 256;

/**
 * Validates answers against a survey version (DESIGN.md P3). Each version is compiled
 * once into plain rules and cached by id and definition hash. No survey-core `Model`
 * is created per request: a model retains megabytes even after `dispose()`.
 */
@Injectable()
export class AnswerValidatorService {
  private readonly cache = new Map<string, CompiledVersion>();

  isCompiled(versionId: string, definitionHash: string): boolean {
    return this.cache.get(versionId)?.definitionHash === definitionHash;
  }

  compile(versionId: string, definitionHash: string, definition: SurveyDefinition): void {
    const compiled = compileSurvey(definition);
    this.cache.delete(versionId);
    if (this.cache.size >= MAX_CACHED_VERSIONS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(versionId, { definitionHash, compiled, evaluate: createConditionEvaluator() });
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

  validate(versionId: string, answers: unknown): AnswerProblem[] {
    const entry = this.cache.get(versionId);
    if (!entry) throw new Error(`survey version ${versionId} was not compiled`);
    return validateAnswers(entry.compiled, answers, entry.evaluate);
  }
}

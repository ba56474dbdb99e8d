import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { compileSurvey, hasFreeText, isResearchPublicKey, PRIVACY_LIMITS, type PrivacySettings, type SurveyDetail } from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { StaffPrincipal } from '../common/staff-principal';
import { SurveyDesignService } from './survey-design.service';
import { SurveyVersionEntity } from './survey-version.entity';
import { SurveyEntity, type SurveyStatus } from './survey.entity';
import { findSurvey } from './find-survey';
import { Transactions } from '../database/transactions';

/** Allowed moves between states; the privacy settings lock on the first `open` (P9). */
const TRANSITIONS: Readonly<Record<'open' | 'close', readonly SurveyStatus[]>> = {
  open: ['draft', 'closed'],
  close: ['open'],
};

/** Grouping questions must be single-choice (or yes/no) so every respondent falls in one group. */
const GROUPABLE_KINDS = new Set(['single', 'boolean']);

@Injectable()
export class SurveyLifecycleService {
  constructor(
    private readonly transactions: Transactions,
    private readonly design: SurveyDesignService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Changes the privacy settings: only while the survey is a draft. */
  async updateSettings(id: string, settings: PrivacySettings, actor: StaffPrincipal): Promise<SurveyDetail> {
    return this.transactions.run(async (manager) => {
      const survey = await findSurvey(manager, id, true);
      if (survey.status !== 'draft') {
        throw new DomainError('SETTINGS_LOCKED', 'The privacy settings locked when fielding started; they cannot change now.');
      }
      const version = await manager.findOneOrFail(SurveyVersionEntity, { where: { surveyId: id }, order: { number: 'DESC' } });
      this.checkCrosstabs(settings.crosstabs, version.definition);
      await manager.update(
        SurveyEntity,
        { id },
        {
          k: settings.k,
          minResponses: settings.minResponses,
          minGroup: settings.minGroup,
          timeGranularity: settings.timeGranularity,
          retentionDays: settings.retentionDays,
          crosstabs: settings.crosstabs.map((group) => [...group]),
          perturbation: settings.perturbation,
          requiresOutreachCode: settings.requiresOutreachCode ?? false,
        },
      );
      await this.audit.record(
        { actor, action: 'survey.settings.update', targetType: 'survey', targetId: id, details: { ...settings } },
        manager,
      );
      return this.design.detail(id, manager);
    });
  }

  /**
   * Stores the research team's public key (issue 17), made in the researcher's browser; the
   * secret key never comes here. Only while a draft: answers sealed to one key stay with it.
   */
  async setResearchKey(id: string, publicKey: string, actor: StaffPrincipal): Promise<SurveyDetail> {
    if (!isResearchPublicKey(publicKey)) {
      throw new DomainError('VALIDATION_FAILED', 'The research key is not an X25519 public key (43 characters of base64url).', [
        { path: 'publicKey', code: 'INVALID_KEY', message: 'must be base64url of 32 bytes' },
      ]);
    }
    return this.transactions.run(async (manager) => {
      const survey = await findSurvey(manager, id, true);
      if (survey.status !== 'draft') {
        throw new DomainError(
          'SETTINGS_LOCKED',
          'The research key is fixed once fielding started: answers already sealed to it could not be read with another.',
        );
      }
      await manager.update(SurveyEntity, { id }, { researchPublicKey: publicKey });
      await this.audit.record(
        {
          actor,
          action: 'survey.research_key.set',
          targetType: 'survey',
          targetId: id,
          details: { replaced: survey.researchPublicKey !== null },
        },
        manager,
      );
      return this.design.detail(id, manager);
    });
  }

  async open(id: string, actor: StaffPrincipal): Promise<SurveyDetail> {
    return this.transition(id, 'open', actor, async (manager, survey) => {
      const version = await manager.findOneOrFail(SurveyVersionEntity, { where: { surveyId: id }, order: { number: 'DESC' } });
      const compiled = compileSurvey(version.definition);
      if (compiled.questions.size === 0) throw new DomainError('INVALID_TRANSITION', 'The survey has no questions yet.');
      if (hasFreeText(compiled) && survey.researchPublicKey === null) {
        throw new DomainError(
          'RESEARCH_KEY_REQUIRED',
          'This survey asks for free text, which is sealed so only the research team can read it: make the research key (Privacy settings) before opening it.',
        );
      }
      this.checkCrosstabs(survey.crosstabs, version.definition);
      const now = this.clock.now();
      // D1: the first opening fixes the catalogue; reopening after a close keeps it.
      await manager.update(
        SurveyEntity,
        { id },
        { status: 'open', openedAt: survey.openedAt ?? now, closedAt: null, fieldingVersion: survey.fieldingVersion ?? version.number },
      );
    });
  }

  async close(id: string, actor: StaffPrincipal): Promise<SurveyDetail> {
    return this.transition(id, 'close', actor, async (manager) => {
      await manager.update(SurveyEntity, { id }, { status: 'closed', closedAt: this.clock.now() });
    });
  }

  private async transition(
    id: string,
    move: 'open' | 'close',
    actor: StaffPrincipal,
    apply: (manager: EntityManager, survey: SurveyEntity) => Promise<void>,
  ): Promise<SurveyDetail> {
    return this.transactions.run(async (manager) => {
      const survey = await findSurvey(manager, id, true);
      if (!TRANSITIONS[move].includes(survey.status)) {
        throw new DomainError('INVALID_TRANSITION', `A ${survey.status} survey cannot be ${move === 'open' ? 'opened' : 'closed'}.`);
      }
      await apply(manager, survey);
      await this.audit.record(
        { actor, action: `survey.${move}`, targetType: 'survey', targetId: id, details: { from: survey.status } },
        manager,
      );
      return this.design.detail(id, manager);
    });
  }

  private checkCrosstabs(crosstabs: readonly (readonly string[])[], definition: SurveyVersionEntity['definition']): void {
    const questions = compileSurvey(definition).questions;
    const declared = new Map<string, number>();
    const problems = crosstabs.flatMap((group, index) => {
      const path = `crosstabs[${index}]`;
      if (!Array.isArray(group) || group.length < 1 || group.length > PRIVACY_LIMITS.maxGroupingQuestions) {
        return [{ path, code: 'GROUP_SIZE', message: `a cross-tab groups by one or ${PRIVACY_LIMITS.maxGroupingQuestions} questions` }];
      }
      if (new Set(group).size !== group.length) return [{ path, code: 'DUPLICATE', message: 'the same question twice' }];
      // The same questions in another order are the same groups: one table, counted once.
      const key = JSON.stringify([...group].map(String).sort());
      const earlier = declared.get(key);
      if (earlier !== undefined) return [{ path, code: 'DUPLICATE', message: `the same grouping as crosstabs[${earlier}]` }];
      declared.set(key, index);
      return group.flatMap((name) => {
        const question = typeof name === 'string' ? questions.get(name) : undefined;
        if (!question) return [{ path, code: 'UNKNOWN_QUESTION', message: `"${String(name)}" is not a question of this survey` }];
        if (!GROUPABLE_KINDS.has(question.kind))
          return [{ path, code: 'NOT_GROUPABLE', message: `"${name}" is not a single-choice question` }];
        return [];
      });
    });
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', 'Some declared cross-tabs cannot be used.', problems);
  }
}

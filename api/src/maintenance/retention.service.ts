import { Injectable, Logger } from '@nestjs/common';
import { coarseCount } from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ResponsesService } from '../responses/responses.service';
import { SurveysService } from '../surveys/surveys.service';
import { Transactions } from '../database/transactions';

export interface SweepResult {
  /** Surveys whose raw responses were deleted in this sweep. */
  readonly surveys: readonly { readonly surveyId: string; readonly responses: number }[];
  readonly receipts: number;
}

/**
 * P8: raw responses of a closed survey are deleted once its retention period has passed
 * since it closed; published snapshots (aggregates) stay. Also drops expired idempotency
 * receipts. "Now" comes from the injected clock, so tests can move time. The surveys and
 * responses modules own the statements; each runs in the sweep's transaction (`manager`).
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly responses: ResponsesService,
    private readonly clock: Clock,
    private readonly surveys: SurveysService,
  ) {}

  async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    const due = await this.surveys.dueForRetention(now);
    const surveys: { surveyId: string; responses: number }[] = [];
    for (const survey of due) {
      const deleted = await this.transactions.run(async (manager) => {
        // Re-check under a lock: the survey may have been reopened meanwhile.
        if (!(await this.surveys.lockIfRetentionDue(manager, survey.id, now))) return null;
        const count = await this.responses.deleteForRetention(manager, survey.id);
        await this.surveys.markResponsesDeleted(manager, survey.id, now);
        // Staff read the audit log: the count is as coarse as the live one (P4), or its last digits
        // would tell how many answered since the last release.
        const responses = coarseCount(count, survey.k, survey.min_responses).atLeast;
        await this.audit.record(
          {
            actor: null,
            action: 'retention.responses.delete',
            targetType: 'survey',
            targetId: survey.id,
            details: { responsesAtLeast: responses, retentionDays: survey.retention_days },
          },
          manager,
        );
        return count;
      });
      if (deleted !== null) {
        surveys.push({ surveyId: survey.id, responses: deleted });
        this.logger.log(`deleted the responses of a survey closed more than ${survey.retention_days} days ago`);
      }
    }
    const receipts = await this.responses.purgeExpiredReceipts();
    return { surveys, receipts };
  }
}

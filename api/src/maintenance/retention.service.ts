import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { coarseCount } from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ResponsesService } from '../responses/responses.service';

export interface SweepResult {
  /** Surveys whose raw responses were deleted in this sweep. */
  readonly surveys: readonly { readonly surveyId: string; readonly responses: number }[];
  readonly receipts: number;
}

/**
 * P8: raw responses of a closed survey are deleted once its retention period has passed
 * since it closed; published snapshots (aggregates) stay. Also drops expired idempotency
 * receipts. "Now" comes from the injected clock, so tests can move time.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly responses: ResponsesService,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<SweepResult> {
    const now = this.clock.now();
    const due: Array<{ id: string; retention_days: number; k: number; min_responses: number }> = await this.dataSource.query(
      `SELECT id, retention_days, k, min_responses FROM survey
        WHERE status = 'closed' AND closed_at IS NOT NULL
          AND closed_at + make_interval(days => retention_days) <= $1
          AND (responses_deleted_at IS NULL OR responses_deleted_at < closed_at)`,
      [now],
    );
    const surveys: { surveyId: string; responses: number }[] = [];
    for (const survey of due) {
      const deleted = await this.dataSource.transaction(async (manager) => {
        // Re-check under a lock: the survey may have been reopened meanwhile.
        const still: Array<{ id: string }> = await manager.query(
          `SELECT id FROM survey WHERE id = $1 AND status = 'closed' AND closed_at + make_interval(days => retention_days) <= $2 FOR UPDATE`,
          [survey.id, now],
        );
        if (still.length === 0) return null;
        const result: [unknown[], number] = await manager.query(
          'DELETE FROM response WHERE survey_version_id IN (SELECT id FROM survey_version WHERE survey_id = $1)',
          [survey.id],
        );
        // Rows of the survey's last period may still wait in the intake.
        const pending: [unknown[], number] = await manager.query(
          'DELETE FROM response_intake WHERE survey_version_id IN (SELECT id FROM survey_version WHERE survey_id = $1)',
          [survey.id],
        );
        result[1] += pending[1];
        await manager.query('UPDATE survey SET responses_deleted_at = $2 WHERE id = $1', [survey.id, now]);
        // Staff read the audit log: the count is as coarse as the live one (P4), or its last digits
        // would tell how many answered since the last release.
        const responses = coarseCount(result[1], survey.k, survey.min_responses).atLeast;
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
        return result[1];
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

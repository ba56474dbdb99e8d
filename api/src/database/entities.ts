import { AuditEventEntity } from '../audit/audit-event.entity';
import { OutreachBatchEntity } from '../outreach/outreach-batch.entity';
import { OutreachCodeEntity } from '../outreach/outreach-code.entity';
import { LedgerEntryEntity } from '../publications/ledger-entry.entity';
import { PublicationEntity } from '../publications/publication.entity';
import { ResponseEntity } from '../responses/response.entity';
import { SubmissionReceiptEntity } from '../responses/submission-receipt.entity';
import { StaffSessionEntity } from '../staff/staff-session.entity';
import { StaffUserEntity } from '../staff/staff-user.entity';
import { SurveyVersionEntity } from '../surveys/survey-version.entity';
import { SurveyEntity } from '../surveys/survey.entity';

/**
 * Every entity, for the migration CLI and the schema-drift check. Feature modules
 * register their own entities with `TypeOrmModule.forFeature`.
 */
export const ENTITIES = [
  SurveyEntity,
  SurveyVersionEntity,
  ResponseEntity,
  SubmissionReceiptEntity,
  StaffUserEntity,
  StaffSessionEntity,
  AuditEventEntity,
  PublicationEntity,
  LedgerEntryEntity,
  OutreachBatchEntity,
  OutreachCodeEntity,
] as const;

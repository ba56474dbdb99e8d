import { AuditEventEntity } from '../audit/audit-event.entity';
import { OutreachBatchEntity } from '../outreach/outreach-batch.entity';
import { OutreachCodeEntity } from '../outreach/outreach-code.entity';
import { OutreachSpendEntity } from '../outreach/outreach-spend.entity';
import { OutreachBoxEntity } from '../outreach-devices/outreach-box.entity';
import { OutreachDeviceKeyEntity } from '../outreach-devices/outreach-device-key.entity';
import { OutreachDevicePolicyEntity } from '../outreach-devices/outreach-device-policy.entity';
import { OutreachDeviceEntity } from '../outreach-devices/outreach-device.entity';
import { OutreachQuotaSlotEntity } from '../outreach-devices/outreach-quota-slot.entity';
import { CustomTableViewEntity } from '../publications/custom-table-view.entity';
import { LedgerEntryEntity } from '../publications/ledger-entry.entity';
import { PublicationEntity } from '../publications/publication.entity';
import { StaffReleaseEntity } from '../publications/staff-release.entity';
import { ResponseIntakeEntity } from '../responses/response-intake.entity';
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
  ResponseIntakeEntity,
  SubmissionReceiptEntity,
  StaffUserEntity,
  StaffSessionEntity,
  AuditEventEntity,
  PublicationEntity,
  LedgerEntryEntity,
  StaffReleaseEntity,
  CustomTableViewEntity,
  OutreachBatchEntity,
  OutreachCodeEntity,
  OutreachSpendEntity,
  OutreachDeviceEntity,
  OutreachDeviceKeyEntity,
  OutreachDevicePolicyEntity,
  OutreachBoxEntity,
  OutreachQuotaSlotEntity,
] as const;

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OutreachDeviceEntity } from './outreach-device.entity';

/**
 * One response a prepared device may still send (review of issue 18): preparing a device
 * writes OUTREACH_DEVICE_QUOTA of them, and each stored upload deletes one in the transaction
 * that stores the response. A deleted row is invisible, so no transaction id or row order left
 * behind pairs a response with the device; the rows left are only a count.
 */
@Entity({ name: 'outreach_quota_slot' })
@Index('IDX_outreach_quota_slot_device', ['deviceId'])
export class OutreachQuotaSlotEntity {
  /** Random, meaningless: a row needs a key. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_outreach_quota_slot' })
  id!: string;

  @Column('uuid')
  deviceId!: string;

  @ManyToOne(() => OutreachDeviceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'device_id', foreignKeyConstraintName: 'FK_outreach_quota_slot_device' })
  device?: OutreachDeviceEntity;
}

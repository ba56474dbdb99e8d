import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The one row (id 1) saying which staff roles may prepare devices; admins always may. */
@Entity({ name: 'outreach_device_policy' })
export class OutreachDevicePolicyEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'text', array: true })
  allowedRoles!: string[];
}

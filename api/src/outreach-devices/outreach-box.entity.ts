import { Entity, PrimaryColumn } from 'typeorm';

/**
 * A box a device sent (review of issue 18): the keyed hash of its content, so a replayed box
 * is never stored twice — and nothing else. It names no device: it is written in the very
 * transaction that stores the response, so its transaction id and place only point at that
 * response, which holds its content anyway. No time; the intake mixer rewrites the table in
 * random order.
 */
@Entity({ name: 'outreach_box' })
export class OutreachBoxEntity {
  /** HMAC-SHA256 (key derived from OUTREACH_CODE_SECRET) of the survey id and the box's submission. */
  @PrimaryColumn({ type: 'bytea', primaryKeyConstraintName: 'PK_outreach_box' })
  boxHash!: Buffer;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Lets a retried submission (same idempotency key) get the same answer without being
 * stored twice. Holds hashes only and no link to the response it produced; rows are
 * deleted once they expire.
 */
@Entity({ name: 'submission_receipt' })
export class SubmissionReceiptEntity {
  /** SHA-256 of the survey id and the client's idempotency key. */
  @PrimaryColumn({ type: 'bytea' })
  keyHash!: Buffer;

  /** SHA-256 of the canonical request, to tell a retry from a different submission. */
  @Column({ type: 'bytea' })
  requestHash!: Buffer;

  @Index()
  @Column({ type: 'date' })
  expiresOn!: string;
}

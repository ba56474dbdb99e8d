import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OutreachCodeEntity } from './outreach-code.entity';

/**
 * An outreach code spent by an acknowledged submission whose used bit is not written yet.
 * Written in the submission's transaction (so a spend is never lost, and the key refuses a
 * second spend on every instance); the intake mixer sets the used bits of all pending spends
 * at once, on its random timer across surveys, and truncates this table.
 */
@Entity({ name: 'outreach_spend' })
export class OutreachSpendEntity {
  @PrimaryColumn({ type: 'bytea' })
  codeHash!: Buffer;

  @ManyToOne(() => OutreachCodeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'code_hash' })
  code?: OutreachCodeEntity;
}

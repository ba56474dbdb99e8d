import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PublicationEntity } from './publication.entity';

/**
 * One number a release published (D5): its published value and the range of true values
 * it may stand for (equal bounds unless perturbed). Every later audit includes it.
 */
@Entity({ name: 'release_ledger_entry' })
export class LedgerEntryEntity {
  @PrimaryColumn('uuid')
  publicationId!: string;

  @ManyToOne(() => PublicationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'publication_id' })
  publication?: PublicationEntity;

  @PrimaryColumn({ type: 'varchar', length: 300 })
  quantityId!: string;

  @Column({ type: 'int' })
  value!: number;

  @Column({ type: 'int' })
  lower!: number;

  @Column({ type: 'int' })
  upper!: number;
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { asInsert } from '../database/as-insert';
import { AuditEventEntity } from './audit-event.entity';

/** The statements on `audit_event` (issue 15 point 1): append and page backwards, nothing else. */
@Injectable()
export class AuditEventRepository {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  /** Appends one event, in `manager`'s transaction when given (so it commits with the change it records). */
  async append(event: AuditEventEntity, manager?: EntityManager): Promise<void> {
    await (manager ?? this.events.manager).insert(AuditEventEntity, asInsert(event));
  }

  /** The newest events first, optionally before a time and of one action. */
  async page(options: { limit: number; before?: Date; action?: string }): Promise<AuditEventEntity[]> {
    const query = this.events.createQueryBuilder('e').orderBy('e.occurred_at', 'DESC').addOrderBy('e.id', 'DESC').limit(options.limit);
    if (options.before) query.andWhere('e.occurred_at < :before', { before: options.before });
    if (options.action) query.andWhere('e.action = :action', { action: options.action });
    return query.getMany();
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository, type EntityManager } from 'typeorm';
import type { AuditEvent } from '@candor/shared';
import { Clock } from '../common/clock';
import type { StaffPrincipal } from '../common/staff-principal';
import { asInsert } from '../database/as-insert';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditEntry {
  readonly actor: Pick<StaffPrincipal, 'userId' | 'email'> | null;
  readonly action: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly details?: Record<string, unknown>;
}

/** Records staff actions. Pass the transaction's manager so the entry commits with the change. */
@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const event: AuditEventEntity = {
      id: randomUUID(),
      actorId: entry.actor?.userId ?? null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
      occurredAt: this.clock.now(),
    };
    await (manager ?? this.events.manager).insert(AuditEventEntity, asInsert(event));
  }

  async list(options: { limit: number; before?: Date; action?: string }): Promise<AuditEvent[]> {
    const query = this.events.createQueryBuilder('e').orderBy('e.occurred_at', 'DESC').addOrderBy('e.id', 'DESC').limit(options.limit);
    if (options.before) query.andWhere('e.occurred_at < :before', { before: options.before });
    if (options.action) query.andWhere('e.action = :action', { action: options.action });
    const rows = await query.getMany();
    return rows.map((row) => ({
      id: row.id,
      actor: row.actorId || row.actorEmail ? { id: row.actorId ?? '', email: row.actorEmail ?? '' } : null,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      details: row.details,
      occurredAt: row.occurredAt.toISOString(),
    }));
  }
}

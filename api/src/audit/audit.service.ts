import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditEvent } from '@candor/shared';
import { Clock } from '../common/clock';
import type { StaffPrincipal } from '../common/staff-principal';
import type { AuditEventEntity } from './audit-event.entity';
import { AuditEventRepository } from './audit-event.repository';

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
    private readonly events: AuditEventRepository,
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
    await this.events.append(event, manager);
  }

  async list(options: { limit: number; before?: Date; action?: string }): Promise<AuditEvent[]> {
    const rows = await this.events.page(options);
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

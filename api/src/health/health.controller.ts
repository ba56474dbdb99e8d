import { Controller, Get } from '@nestjs/common';
import { Public } from '../common/public.decorator';
import { DomainError } from '../common/domain-error';
import { HealthRepository } from './health.repository';

export interface HealthStatus {
  readonly status: 'ok';
  readonly database: 'up';
}

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly database: HealthRepository) {}

  /** 200 when the API can reach its database, 503 otherwise (for load balancers). */
  @Get()
  async check(): Promise<HealthStatus> {
    try {
      await this.database.ping();
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', 'The database is not reachable.', [], { 'Retry-After': '2' });
    }
    return { status: 'ok', database: 'up' };
  }
}

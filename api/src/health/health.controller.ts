import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '../common/public.decorator';
import { DomainError } from '../common/domain-error';

export interface HealthStatus {
  readonly status: 'ok';
  readonly database: 'up';
}

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** 200 when the API can reach its database, 503 otherwise (for load balancers). */
  @Get()
  async check(): Promise<HealthStatus> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', 'The database is not reachable.', [], { 'Retry-After': '2' });
    }
    return { status: 'ok', database: 'up' };
  }
}

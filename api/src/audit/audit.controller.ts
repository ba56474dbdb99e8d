import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { AuditEvent } from '@candor/shared';
import { Roles } from '../common/roles.decorator';
import { AuditService } from './audit.service';

export class AuditQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @IsISO8601()
  before?: string;

  @IsOptional()
  @Matches(/^[a-z_.]{1,64}$/)
  action?: string;
}

@ApiTags('audit')
@ApiCookieAuth()
@Roles('admin')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The staff audit log, newest first (admins only). */
  @Get()
  list(@Query() query: AuditQuery): Promise<AuditEvent[]> {
    return this.audit.list({ limit: query.limit ?? 100, before: query.before ? new Date(query.before) : undefined, action: query.action });
  }
}

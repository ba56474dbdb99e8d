import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { RespondentLog } from '../common/respondent-log';

/** Statements that write or read what respondents send (the intake, receipts, outreach spends and codes, spent proofs and tickets, the mixer). */
const INTAKE_TABLES = /\b(response_intake|submission_receipt|outreach_spend|outreach_code|spent_proof|outreach_box)\b/i;

export function isIntakeStatement(query: string): boolean {
  return INTAKE_TABLES.test(query);
}

/**
 * TypeORM's own loggers print query parameters with failed queries; parameters hold
 * answers. This one logs the failing SQL and the database error, never the values.
 */
export class PrivacySafeTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {
    // Queries are not logged: even their shape can reveal timing of submissions.
  }

  logQueryError(error: string | Error, query: string): void {
    const message = typeof error === 'string' ? error : error.message;
    // A failing intake statement is a respondent's request failing: held, not logged now.
    if (isIntakeStatement(query)) RespondentLog.fault(`intake query failed: ${message}`);
    else this.logger.error(`query failed: ${message} — ${query.slice(0, 200)}`);
  }

  logQuerySlow(time: number, query: string): void {
    // The intake's statements are never logged: a slow one would date a submission.
    if (isIntakeStatement(query)) return;
    this.logger.warn(`slow query (${time} ms): ${query.slice(0, 200)}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.debug(String(message));
  }
}

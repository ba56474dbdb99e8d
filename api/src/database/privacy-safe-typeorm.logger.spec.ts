import { Logger } from '@nestjs/common';
import { RespondentLog } from '../common/respondent-log';
import { PrivacySafeTypeOrmLogger } from './privacy-safe-typeorm.logger';

describe('PrivacySafeTypeOrmLogger', () => {
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  beforeEach(() => {
    warn.mockClear();
    error.mockClear();
  });
  afterAll(() => jest.restoreAllMocks());

  it('never logs a slow intake statement (its time would date a submission)', () => {
    const logger = new PrivacySafeTypeOrmLogger();
    logger.logQuerySlow(5000, 'WITH input AS (SELECT 1) INSERT INTO response_intake (id) SELECT 1');
    logger.logQuerySlow(5000, 'SELECT request_hash FROM submission_receipt WHERE key_hash = $1');
    logger.logQuerySlow(5000, 'INSERT INTO outreach_spend (code_hash) VALUES ($1)');
    // Each submission reserves its proof of work or ticket first.
    logger.logQuerySlow(5000, 'INSERT INTO spent_proof (token_hash, expires_on) SELECT * FROM unnest($1::bytea[], $2::date[])');
    logger.logQuerySlow(5000, 'DELETE FROM spent_proof WHERE token_hash = $1');
    expect(warn).not.toHaveBeenCalled();
  });

  it('holds a failing intake statement for the next report instead of logging it now', () => {
    const logger = new PrivacySafeTypeOrmLogger();
    logger.logQueryError('connection reset', 'INSERT INTO response_intake (id) VALUES ($1)');
    expect(error).not.toHaveBeenCalled();
    RespondentLog.flush();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain('intake query failed: connection reset');
  });

  it('still logs slow staff statements', () => {
    new PrivacySafeTypeOrmLogger().logQuerySlow(5000, 'SELECT * FROM publication');
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

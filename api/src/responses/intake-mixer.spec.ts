import type { DataSource } from 'typeorm';
import { SystemClock } from '../common/clock';
import { loadConfig } from '../config/app-config';
import type { OutreachCodesService } from '../outreach/outreach-codes.service';
import { IntakeMixRepository } from './intake-mix.repository';
import { IntakeMixer } from './intake-mixer';

function mixerOn(trackCommitTimestamp: 'on' | 'off'): IntakeMixer {
  const dataSource = {
    query: async (sql: string) => (sql === 'SHOW track_commit_timestamp' ? [{ track_commit_timestamp: trackCommitTimestamp }] : []),
  } as unknown as DataSource;
  const config = loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/x', MIX_INTERVAL_SECONDS: '0' });
  return new IntakeMixer(new IntakeMixRepository(dataSource), config, new SystemClock(), {} as OutreachCodesService);
}

describe('IntakeMixer at start-up', () => {
  it('refuses to start when PostgreSQL records commit timestamps, saying what to change', async () => {
    await expect(mixerOn('on').onApplicationBootstrap()).rejects.toThrow(/track_commit_timestamp = on.*Set track_commit_timestamp = off/s);
  });

  it('starts when commit timestamps are off', async () => {
    await expect(mixerOn('off').onApplicationBootstrap()).resolves.toBeUndefined();
  });
});

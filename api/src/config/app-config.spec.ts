import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const url = 'postgres://candor:secret@127.0.0.1:5432/candor';

  it('applies defaults for everything but the database', () => {
    const config = loadConfig({ DATABASE_URL: url });
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', NODE_ENV: 'production', SEED_DEMO_SURVEY: true, DATABASE_POOL_SIZE: 20 });
  });

  it('reads numbers and booleans from strings', () => {
    const config = loadConfig({ DATABASE_URL: url, PORT: '8080', SEED_DEMO_SURVEY: 'false', DATABASE_SSL: 'yes' });
    expect(config).toMatchObject({ PORT: 8080, SEED_DEMO_SURVEY: false, DATABASE_SSL: true });
  });

  it('refuses to start with a readable list of every bad variable, without echoing the database URL', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x', PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems.map((p) => p.split(' ')[0])).toEqual(expect.arrayContaining(['DATABASE_URL', 'PORT', 'LOG_LEVEL']));
    expect(message).not.toContain('hunter2');
    expect(message).toContain('PORT = "eighty"');
  });

  it('requires a database URL', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/);
  });
});

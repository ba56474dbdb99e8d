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

  it('takes a redis:// address for shared rate limits, refuses anything else, and hides it in errors', () => {
    expect(loadConfig({ DATABASE_URL: url, REDIS_URL: 'redis://127.0.0.1:6379' })).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'candor:',
    });
    expect(loadConfig({ DATABASE_URL: url }).REDIS_URL).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL: url, REDIS_URL: 'http://user:hunter2@example.org' })).toThrow(
      /REDIS_URL = \(hidden\): REDIS_URL must be a redis:\/\/ or rediss:\/\/ address/,
    );
    expect(() => loadConfig({ DATABASE_URL: url, REDIS_KEY_PREFIX: 'a b' })).toThrow(/REDIS_KEY_PREFIX/);
  });

  it('requires a database URL', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/);
  });

  it('refuses proxy settings that are not a hop count or addresses, and timeouts in the wrong order', () => {
    const problems = (env: Record<string, string>): string[] => {
      try {
        loadConfig({ DATABASE_URL: 'postgres://localhost/candor', ...env });
        return [];
      } catch (error) {
        return [...(error as ConfigError).problems];
      }
    };
    expect(problems({ TRUST_PROXY: 'true' })[0]).toMatch(/^TRUST_PROXY/);
    expect(problems({ TRUST_PROXY: '10.0.0.300' })[0]).toMatch(/^TRUST_PROXY/);
    expect(problems({ TRUST_PROXY: '10.0.0.0/33' })[0]).toMatch(/^TRUST_PROXY/);
    expect(problems({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8' })).toEqual([]);
    expect(problems({ TRUST_PROXY: '1' })).toEqual([]);
    expect(problems({ HTTP_HEADERS_TIMEOUT_SECONDS: '40', HTTP_REQUEST_TIMEOUT_SECONDS: '30' })[0]).toMatch(/HTTP_HEADERS_TIMEOUT_SECONDS/);
  });
});

import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
};

const PROXY_ITEM = String.raw`(?:loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(?:\/\d{1,3})?)`;
const TRUST_PROXY_PATTERN = new RegExp(String.raw`^(?:false|\d|${PROXY_ITEM}(?:\s*,\s*${PROXY_ITEM})*)$`);

/**
 * Every setting Candor reads from the environment, validated once at boot.
 * `.env.example` and the README's configuration table list the same variables.
 */
export class AppConfig {
  @IsIn(['production', 'development', 'test'])
  NODE_ENV: 'production' | 'development' | 'test' = 'production';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;

  /**
   * The owner's connection, used only to run migrations at start-up (issue 9 point 9): then
   * DATABASE_URL can be a login role in \`candor_api\`, which cannot disable triggers, truncate
   * or alter the snapshot, ledger and audit tables. Unset: migrations run on DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_MIGRATION_URL must be a postgres:// connection URL' })
  DATABASE_MIGRATION_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  @Transform(toBool)
  @IsBoolean()
  DATABASE_SSL = false;

  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO_SURVEY = true;

  /**
   * The staff table builder (custom cell-key tables). On by default: its audits model every
   * earlier day releases and custom tables were shown on (README, "Custom tables of earlier
   * days"). `false` turns it off (its routes answer 403 TABLE_BUILDER_OFF).
   */
  @Transform(toBool)
  @IsBoolean()
  CUSTOM_TABLES_ENABLED = true;

  @IsIn(['error', 'warn', 'log', 'debug'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' = 'log';

  /** The public address (https://…) when Candor runs behind TLS; makes staff cookies Secure. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'PUBLIC_URL must be an http(s):// address' })
  PUBLIC_URL?: string;

  /**
   * Which reverse proxies to believe about the client's address (`X-Forwarded-For`):
   * `false` (none: the socket address), a hop count (`1`: the one proxy in front), or a
   * comma-separated list of proxy addresses or CIDR ranges (`loopback`, `uniquelocal`,
   * `10.0.0.0/8`). The address is used only for rate limits, as a keyed hash in memory.
   */
  @Matches(TRUST_PROXY_PATTERN, {
    message:
      'TRUST_PROXY must be false, a hop count (0–9) or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal',
  })
  TRUST_PROXY = 'false';

  /** A client must send its request headers within this many seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  HTTP_HEADERS_TIMEOUT_SECONDS = 20;

  /** …and its whole request within this many (a drip-fed body is cut off). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  HTTP_REQUEST_TIMEOUT_SECONDS = 60;

  /** An idle keep-alive connection is closed after this many seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS = 5;

  /** Open connections allowed from one address (counted under a keyed hash, in memory); 0 for no cap. Not applied behind a trusted proxy, which must cap them itself. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000)
  MAX_CONNECTIONS_PER_ADDRESS = 128;

  /**
   * Worker threads that build releases (suppression and the disclosure audit) off the main
   * thread, so a preview never stops the instance answering respondents. 0 builds on the
   * main thread, with no time limit.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(16)
  RELEASE_WORKERS = 1;

  /** A preview or publication whose release is not built within this many seconds (waiting for a worker included) answers 503 and lets go of the survey. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  RELEASE_TIMEOUT_SECONDS = 900;

  /** `auto`: Secure staff cookies when the request or PUBLIC_URL is https. */
  @IsIn(['auto', 'always', 'never'])
  COOKIE_SECURE: 'auto' | 'always' | 'never' = 'auto';

  /** A staff session ends after this many minutes without activity… */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 60;

  /** …and after this many hours in any case. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  SESSION_MAX_HOURS = 12;

  /** Failed sign-ins in a row before an account is locked for LOGIN_LOCK_MINUTES. */
  @Transform(toInt)
  @IsInt()
  @Min(3)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  LOGIN_LOCK_MINUTES = 15;

  /** Sign-in attempts per minute from one address (kept as a keyed hash, in memory). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_RATE_PER_MINUTE = 10;

  /** Survey submissions per minute from one address; an outreach tablet may send many. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  SUBMISSION_RATE_PER_MINUTE = 120;

  /**
   * Redis for rate-limit counters shared by every instance (redis:// or rediss://). Needed
   * when more than one instance serves respondents; without it each instance counts alone.
   * Run it with persistence off (save "", appendonly no): it holds keyed hashes of addresses.
   */
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// or rediss:// address' })
  REDIS_URL?: string;

  /** Prefix of Candor's keys in Redis, so one Redis can serve several deployments. */
  @Matches(/^[A-Za-z0-9:_-]{0,64}$/, { message: 'REDIS_KEY_PREFIX may hold letters, digits, ":", "_" and "-" (at most 64)' })
  REDIS_KEY_PREFIX = 'candor:';

  /** Where Quick exit sends respondents (through /api/public/exit, which clears site data). */
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'QUICK_EXIT_URL must be an http(s):// address' })
  QUICK_EXIT_URL = 'https://www.google.com/search?q=weather';

  /**
   * Proof of work per submission (altcha, SHA-256): the solver searches up to this many
   * candidates, half of that on average (10,000 ≈ 1 s on a low-end phone). 0 turns it off.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  POW_DIFFICULTY = 10_000;

  /** Secret for signing challenges and no-JS form tickets; random per start when unset (set it when running several instances). */
  @IsOptional()
  @IsString()
  @Matches(/^.{32,}$/, { message: 'POW_SECRET must be at least 32 characters' })
  POW_SECRET?: string;

  /** How long a challenge or a no-JS form ticket stays valid: long enough to answer slowly. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  POW_TTL_MINUTES = 240;

  /** The no-JS form's stand-in for proof of work: a submission comes at least this long after the form was first served. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  NOJS_MIN_SECONDS = 20;

  /**
   * Key for the hashes outreach codes are stored as. Codes outlive restarts, so it must be
   * stable: `npm start` keeps one in .candor/secrets.json; deployments set it. Without it,
   * outreach codes cannot be created or checked.
   */
  @IsOptional()
  @IsString()
  @Matches(/^.{32,}$/, { message: 'OUTREACH_CODE_SECRET must be at least 32 characters' })
  OUTREACH_CODE_SECRET?: string;

  /** Days a prepared outreach device's token stays valid (issue 18): after that it is refused and staff prepare it again. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  OUTREACH_DEVICE_DAYS = 14;

  /** Most responses one prepared outreach device may send (a stolen token cannot post forever). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  OUTREACH_DEVICE_QUOTA = 500;

  /**
   * Mean seconds between runs of the intake mixer (issue 9): each run rewrites pending
   * responses, receipts and outreach spends in random order and moves the responses of ended
   * periods into \`response\`. The actual delay is random, 0.5–1.5 × this. 0 turns the timer
   * off (tests run the mixer themselves); pending rows are then never moved.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(24 * 3600)
  MIX_INTERVAL_SECONDS = 300;

  /** Minutes between maintenance sweeps (retention, expired receipts); 0 turns the schedule off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  MAINTENANCE_INTERVAL_MINUTES = 60;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Candor cannot start: the configuration is invalid.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws {@link ConfigError} listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const input: Record<string, string> = {};
  for (const key of [
    ...known,
    'DATABASE_URL',
    'DATABASE_MIGRATION_URL',
    'WEB_DIST_DIR',
    'PUBLIC_URL',
    'POW_SECRET',
    'OUTREACH_CODE_SECRET',
    'REDIS_URL',
  ]) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const config = plainToInstance(AppConfig, input, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  const problems: string[] = [];
  if (errors.length > 0) {
    problems.push(
      ...errors.map((error) => {
        const raw = input[error.property];
        const value =
          raw === undefined
            ? '(missing)'
            : ['DATABASE_URL', 'DATABASE_MIGRATION_URL', 'POW_SECRET', 'OUTREACH_CODE_SECRET', 'REDIS_URL'].includes(error.property)
              ? '(hidden)'
              : JSON.stringify(raw);
        const reasons = Object.values(error.constraints ?? {}).join('; ');
        return `${error.property} = ${value}: ${reasons}`;
      }),
    );
  }
  if (config.HTTP_HEADERS_TIMEOUT_SECONDS > config.HTTP_REQUEST_TIMEOUT_SECONDS) {
    problems.push('HTTP_HEADERS_TIMEOUT_SECONDS must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS');
  }
  const badProxy = invalidProxyAddresses(config.TRUST_PROXY);
  if (errors.every((error) => error.property !== 'TRUST_PROXY') && badProxy.length > 0) {
    problems.push(`TRUST_PROXY = ${JSON.stringify(config.TRUST_PROXY)}: not an IP address or CIDR range: ${badProxy.join(', ')}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Items of a TRUST_PROXY list that are neither a preset nor a valid address or range. */
function invalidProxyAddresses(setting: string): string[] {
  if (setting === 'false' || /^\d$/.test(setting)) return [];
  return setting
    .split(',')
    .map((item) => item.trim())
    .filter((item) => {
      if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return false;
      const [address = '', prefix] = item.split('/');
      const family = isIP(address);
      if (family === 0) return true;
      return prefix !== undefined && Number(prefix) > (family === 4 ? 32 : 128);
    });
}

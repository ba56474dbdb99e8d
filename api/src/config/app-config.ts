import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
};

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

  @IsIn(['error', 'warn', 'log', 'debug'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' = 'log';

  /** The public address (https://…) when Candor runs behind TLS; makes staff cookies Secure. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: 'PUBLIC_URL must be an http(s):// address' })
  PUBLIC_URL?: string;

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

  /** Used outreach codes are written to the database in shuffled batches of this many, so no write can be matched to a response. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  OUTREACH_FLUSH_BATCH = 10;

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
  for (const key of [...known, 'DATABASE_URL', 'WEB_DIST_DIR', 'PUBLIC_URL', 'POW_SECRET', 'OUTREACH_CODE_SECRET']) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const config = plainToInstance(AppConfig, input, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const problems = errors.map((error) => {
      const raw = input[error.property];
      const value = raw === undefined ? '(missing)' : ['DATABASE_URL', 'POW_SECRET', 'OUTREACH_CODE_SECRET'].includes(error.property) ? '(hidden)' : JSON.stringify(raw);
      const reasons = Object.values(error.constraints ?? {}).join('; ');
      return `${error.property} = ${value}: ${reasons}`;
    });
    throw new ConfigError(problems);
  }
  return config;
}

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
  for (const key of [...known, 'DATABASE_URL', 'WEB_DIST_DIR', 'PUBLIC_URL']) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const config = plainToInstance(AppConfig, input, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const problems = errors.map((error) => {
      const raw = input[error.property];
      const value = raw === undefined ? '(missing)' : error.property === 'DATABASE_URL' ? '(hidden)' : JSON.stringify(raw);
      const reasons = Object.values(error.constraints ?? {}).join('; ');
      return `${error.property} = ${value}: ${reasons}`;
    });
    throw new ConfigError(problems);
  }
  return config;
}

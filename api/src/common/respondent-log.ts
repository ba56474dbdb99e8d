import { Logger } from '@nestjs/common';

/**
 * Requests respondents make: the survey itself, challenges, submissions, the no-JS form (and
 * its shared link, `/s/:slug`) and quick exit. A log line written while one of them is
 * handled carries the time it was written (Nest's console format, journald, docker — any
 * collector stamps it), and so would date a response to the second (issue 9 point 5).
 */
export function isRespondentPath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return (
    path.startsWith('/api/public/surveys/') ||
    path === '/api/public/exit' ||
    path === '/f' ||
    path.startsWith('/f/') ||
    path === '/s' ||
    path.startsWith('/s/')
  );
}

/** At most this many distinct held messages; more are counted as "others". */
const MAX_HELD = 50;

/**
 * What respondent routes may log: nothing when it happens. Server faults on those routes
 * are held here — deduplicated, without slug, time or count — and written by {@link flush},
 * which the intake mixer's timer and shutdown call. Successes and refusals (2xx–4xx) of
 * respondent routes are not logged at all.
 */
export class RespondentLog {
  private static readonly logger = new Logger('Respondents');
  private static readonly held = new Set<string>();
  private static dropped = false;

  /** Holds a server fault seen on a respondent route. */
  static fault(message: string): void {
    if (this.held.size >= MAX_HELD) {
      this.dropped = true;
      return;
    }
    this.held.add(message.replace(/\/(api\/public\/surveys|f|s)\/[^/\s?]+/g, '/$1/:slug'));
  }

  /** Writes what was held, as one block with no per-request detail. */
  static flush(): void {
    if (this.held.size === 0) return;
    const lines = [...this.held].sort();
    if (this.dropped) lines.push('(and other faults)');
    this.held.clear();
    this.dropped = false;
    this.logger.warn(`respondent routes had server faults since the last report:\n  ${lines.join('\n  ')}`);
  }

  /** A logger for the error path of one request: the real one, or the holding one on respondent routes. */
  static for(path: string, logger: Pick<Logger, 'warn' | 'error'>): Pick<Logger, 'warn' | 'error'> {
    if (!isRespondentPath(path)) return logger;
    return { warn: (message: unknown) => this.fault(String(message)), error: (message: unknown) => this.fault(String(message)) };
  }
}

import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock } from '../common/clock';

/** A rendered page waiting for the GET that follows its POST (POST-redirect-GET). */
export interface PendingPage {
  readonly status: number;
  readonly html: string;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Entry extends PendingPage {
  readonly expires: number;
}

/** How long a page waits for its GET: the redirect follows at once; a stale one is dropped. */
const TTL_MS = 2 * 60 * 1000;
/** Memory bound: a flood of POSTs cannot grow this past it (the oldest pages go first). */
const MAX_BYTES = 64 * 1024 * 1024;
/**
 * What one client (one rate-limit subject) may have put here within TTL_MS: a sixteenth of the
 * bound — hundreds of ordinary pages, but a single address sending the biggest forms at the
 * rate limit cannot push everyone else's pages (and the answers on them) out.
 */
const MAX_BYTES_PER_HOLDER = MAX_BYTES / 16;

interface Share {
  bytes: number;
  readonly since: number;
}

/**
 * The no-JS form answers every POST with a redirect to a one-time address, so the page in
 * the browser's history is a GET: "Back" never offers to resubmit the form, and opening the
 * address again (Back after Quick exit) finds nothing — the answers on it are not shown
 * twice. Pages are kept in this process's memory only, for seconds, never on disk; each
 * is read once. (Several instances need the redirect to reach the same instance.)
 */
@Injectable()
export class PendingPages {
  private readonly pages = new Map<string, Entry>();
  private bytes = 0;
  /**
   * Bytes put per client in the current window, under the rate limiter's keyed hash of its
   * address. Only sums: nothing here points to a page, so no page is linked to an address.
   */
  private readonly shares = new Map<string, Share>();

  constructor(private readonly clock: Clock) {}

  private now(): number {
    return this.clock.now().getTime();
  }

  /**
   * Keeps the page and returns the token of its one-time address; undefined when `holder`
   * (the keyed hash of the client's address) has already put its share within TTL_MS — the
   * caller then answers with the page at once.
   */
  put(page: PendingPage): string;
  put(page: PendingPage, holder: string): string | undefined;
  put(page: PendingPage, holder?: string): string | undefined {
    this.sweep();
    const size = page.html.length * 2;
    if (holder !== undefined && !this.charge(holder, size)) return undefined;
    const token = randomBytes(18).toString('base64url');
    while (this.bytes + size > MAX_BYTES && this.pages.size > 0) this.drop(this.pages.keys().next().value as string);
    this.pages.set(token, { ...page, expires: this.now() + TTL_MS });
    this.bytes += size;
    return token;
  }

  /** The page for this token, once; undefined when unknown, expired or already read. */
  take(token: string): PendingPage | undefined {
    const entry = this.pages.get(token);
    if (!entry) return undefined;
    this.drop(token);
    if (entry.expires < this.now()) return undefined;
    return { status: entry.status, html: entry.html, ...(entry.headers ? { headers: entry.headers } : {}) };
  }

  private drop(token: string): void {
    const entry = this.pages.get(token);
    if (!entry) return;
    this.pages.delete(token);
    this.bytes -= entry.html.length * 2;
  }

  private charge(holder: string, size: number): boolean {
    const now = this.now();
    let share = this.shares.get(holder);
    if (!share || share.since + TTL_MS < now) {
      // Re-inserted, so the map stays in window order for the sweep.
      this.shares.delete(holder);
      share = { bytes: 0, since: now };
      this.shares.set(holder, share);
    }
    if (share.bytes + size > MAX_BYTES_PER_HOLDER) return false;
    share.bytes += size;
    return true;
  }

  private sweep(): void {
    const now = this.now();
    for (const [holder, share] of this.shares) {
      if (share.since + TTL_MS >= now) break;
      this.shares.delete(holder);
    }
    for (const [token, entry] of this.pages) {
      // Insertion order is expiry order: stop at the first page still fresh.
      if (entry.expires >= now) break;
      this.drop(token);
    }
  }
}

import { createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from './clock';

/**
 * Turns a client address into an opaque rate-limiting key (P7, docs/PRIVACY.md): an HMAC under
 * a secret that lives only in this process's memory and is replaced every UTC day, so
 * yesterday's keys cannot be recomputed by anyone — including us. Neither the secret
 * nor the address is ever persisted or logged.
 */
@Injectable()
export class AddressHasher {
  private secret = randomBytes(32);
  private day = '';

  constructor(private readonly clock: Clock) {}

  key(address: string): string {
    const today = this.clock.now().toISOString().slice(0, 10);
    if (today !== this.day) {
      this.secret = randomBytes(32);
      this.day = today;
    }
    return createHmac('sha256', this.secret).update(address).digest('base64url');
  }
}

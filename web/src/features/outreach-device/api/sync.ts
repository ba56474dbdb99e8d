import { isApiErrorBody } from '@candor/shared';
import { deviceStore, type QueuedSubmission, type StoredDevice } from '../model/device-store';

export interface SyncReport {
  readonly sent: number;
  readonly refused: number;
  /** Why the run stopped early, if it did: the device was revoked, expired or used its quota, offline, or asked to slow down. */
  readonly stopped: 'revoked' | 'expired' | 'quota' | 'offline' | 'busy' | null;
}

/**
 * Sends the queue in random order, each sealed box with its own idempotency key inside.
 * Sent items are erased; a refused one is kept with its reason for staff to see; a network
 * failure, a rate limit or a server fault stops the run and keeps everything not yet sent.
 * Uploads carry the device token and no cookie: the staff session is never sent with answers.
 */
export async function syncQueue(device: StoredDevice): Promise<SyncReport> {
  const items = shuffle(await deviceStore.queued(device.surveyId));
  let sent = 0;
  let refused = 0;
  for (const item of items) {
    const outcome = await upload(device, item);
    if (outcome === 'sent') {
      await deviceStore.remove(item.id);
      sent += 1;
    } else if (typeof outcome === 'object') {
      await deviceStore.update({ ...item, refused: outcome });
      refused += 1;
    } else {
      return { sent, refused, stopped: outcome };
    }
  }
  return { sent, refused, stopped: null };
}

type UploadOutcome = 'sent' | NonNullable<SyncReport['stopped']> | { code: string; paths: string[] };

async function upload(device: StoredDevice, item: QueuedSubmission): Promise<UploadOutcome> {
  let response: Response;
  try {
    response = await fetch(`/api/public/surveys/${encodeURIComponent(device.survey.slug)}/outreach-uploads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${device.token}` },
      body: JSON.stringify({ sealed: item.sealed }),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    return 'offline';
  }
  if (response.ok) return 'sent';
  if (response.status === 401) return Date.now() >= Date.parse(device.device.expiresAt) ? 'expired' : 'revoked';
  if (response.status === 429 || response.status >= 500) return 'busy';
  const body: unknown = await response.json().catch(() => undefined);
  if (!isApiErrorBody(body)) return 'busy';
  // The device's quota is used up: nothing else it holds can go either.
  if (response.status === 403 && body.details.some((d) => d.code === 'DEVICE_QUOTA_REACHED')) return 'quota';
  return { code: body.code, paths: [...new Set(body.details.map((d) => d.path ?? '').filter((p) => p !== ''))].slice(0, 20) };
}

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = (crypto.getRandomValues(new Uint32Array(1))[0] as number) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

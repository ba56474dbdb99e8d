import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QueuedSubmission, StoredDevice } from '../model/device-store';

const stored = new Map<string, QueuedSubmission>();

vi.mock('../model/device-store', () => ({
  deviceStore: {
    queued: async () => [...stored.values()],
    remove: async (id: string) => void stored.delete(id),
    update: async (item: QueuedSubmission) => void stored.set(item.id, item),
  },
}));

const { syncQueue } = await import('./sync');

const device = {
  surveyId: 's1',
  token: 'device-token-0123456789abcdef',
  survey: { slug: 'street' },
  device: { expiresAt: '2999-01-01T00:00:00.000Z' },
} as unknown as StoredDevice;

function queue(count: number): void {
  stored.clear();
  for (let i = 0; i < count; i += 1) stored.set(`item-${i}`, { id: `item-${i}`, surveyId: 's1', sealed: `box${i}` });
}

type Reply = { status: number; body?: unknown } | 'network';

/** A fake server: answers each box by its name; records what was sent and how. */
function serve(reply: (sealed: string) => Reply) {
  const calls: { sealed: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    const sealed = (JSON.parse(init.body as string) as { sealed: string }).sealed;
    calls.push({ sealed, init });
    const answer = reply(sealed);
    if (answer === 'network') throw new TypeError('Failed to fetch');
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  return calls;
}

describe('syncing the outreach queue', () => {
  beforeEach(() => queue(12));
  afterEach(() => vi.unstubAllGlobals());

  it('sends every box once with the device token and no cookie, and erases what was sent', async () => {
    const calls = serve(() => ({ status: 201, body: { status: 'received' } }));
    expect(await syncQueue(device)).toEqual({ sent: 12, refused: 0, stopped: null });
    expect(calls.map((c) => c.sealed).sort()).toEqual([...Array(12).keys()].map((i) => `box${i}`).sort());
    for (const { init } of calls) {
      expect(init.credentials).toBe('omit');
      expect((init.headers as Record<string, string>)['Authorization']).toBe(`Bearer ${device.token}`);
    }
    expect(stored.size).toBe(0);
  });

  it('sends in random order, not the order of collection', async () => {
    const orders = new Set<string>();
    for (let run = 0; run < 5; run += 1) {
      queue(12);
      const calls = serve(() => ({ status: 201 }));
      await syncQueue(device);
      orders.add(calls.map((c) => c.sealed).join(','));
    }
    // 12! orders: five runs in one order would mean no shuffle.
    expect(orders.size).toBeGreaterThan(1);
  });

  it('keeps a refused box with its code and question names, and sends the rest', async () => {
    serve((sealed) =>
      sealed === 'box3'
        ? {
            status: 400,
            body: {
              code: 'INVALID_ANSWERS',
              message: 'no',
              details: [{ path: 'mood', code: 'NOT_A_CHOICE', message: '"maybe" is not offered' }],
            },
          }
        : { status: 201 },
    );
    expect(await syncQueue(device)).toEqual({ sent: 11, refused: 1, stopped: null });
    expect([...stored.values()]).toEqual([
      { id: 'item-3', surveyId: 's1', sealed: 'box3', refused: { code: 'INVALID_ANSWERS', paths: ['mood'] } },
    ]);
    // The error's message (which may quote an answer) is not stored.
    expect(JSON.stringify([...stored.values()])).not.toContain('maybe');
  });

  it('keeps a box whose outreach code was wrong or spent as refused, and goes on with the rest', async () => {
    serve((sealed) =>
      sealed === 'box5' || sealed === 'box7'
        ? {
            status: 403,
            body: {
              code: 'OUTREACH_CODE_INVALID',
              message: 'This outreach code is not valid or was already used.',
              details: [{ path: 'outreachCode', code: 'OUTREACH_CODE_INVALID', message: 'check the card' }],
            },
          }
        : { status: 201 },
    );
    expect(await syncQueue(device)).toEqual({ sent: 10, refused: 2, stopped: null });
    expect([...stored.values()].map((item) => [item.id, item.refused?.code]).sort()).toEqual([
      ['item-5', 'OUTREACH_CODE_INVALID'],
      ['item-7', 'OUTREACH_CODE_INVALID'],
    ]);
  });

  it.each([
    ['the connection drops', 'network' as const, 'offline'],
    ['the server asks to wait', { status: 429, body: { code: 'RATE_LIMITED', message: 'wait', details: [] } }, 'busy'],
    ['the server fails', { status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: 'down', details: [] } }, 'busy'],
    ['the device was revoked', { status: 401, body: { code: 'UNAUTHENTICATED', message: 'revoked', details: [] } }, 'revoked'],
    [
      'the device used up its quota',
      {
        status: 403,
        body: {
          code: 'FORBIDDEN',
          message: 'quota',
          details: [{ path: 'authorization', code: 'DEVICE_QUOTA_REACHED', message: 'at most 3' }],
        },
      },
      'quota',
    ],
  ])('stops when %s and keeps everything not sent', async (_label, failure, stopped) => {
    let answered = 0;
    serve(() => (answered++ < 4 ? { status: 201 } : failure));
    expect(await syncQueue(device)).toEqual({ sent: 4, refused: 0, stopped });
    expect(stored.size).toBe(8);
    expect([...stored.values()].every((item) => item.refused === undefined)).toBe(true);
  });

  it('tells an expired device from a revoked one, and keeps its queue', async () => {
    serve(() => ({ status: 401, body: { code: 'UNAUTHENTICATED', message: 'no', details: [] } }));
    const expired = { ...device, device: { expiresAt: '2020-01-01T00:00:00.000Z' } } as unknown as StoredDevice;
    expect(await syncQueue(expired)).toEqual({ sent: 0, refused: 0, stopped: 'expired' });
    expect(stored.size).toBe(12);
  });
});

import type { PreparedOutreachDevice } from '@candor/shared';
import type { DeviceLock } from './device-lock';

/**
 * The outreach device's storage, in IndexedDB on the staff tablet only: the prepared survey
 * (definition, public key, device token) and the queue of sealed submissions. Nothing in the
 * queue is readable without the server's key; nothing else of a respondent is ever written.
 * Since version 2 also the staff screen's lock: a slow salted verifier of the device PIN and
 * the count of wrong attempts (never the PIN itself).
 */
export const DEVICE_DB = 'candor-outreach-device';
const VERSION = 2;

type StoreName = 'devices' | 'queue' | 'lock';

export type StoredDevice = PreparedOutreachDevice;

export interface QueuedSubmission {
  readonly id: string;
  readonly surveyId: string;
  readonly sealed: string;
  /** Set when the server refused it: kept and shown to staff, never dropped silently. Only the code and the question names, never the answers. */
  readonly refused?: { readonly code: string; readonly paths: readonly string[] };
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DEVICE_DB, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('devices')) db.createObjectStore('devices', { keyPath: 'surveyId' });
      if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'id' }).createIndex('surveyId', 'surveyId');
      if (!db.objectStoreNames.contains('lock')) db.createObjectStore('lock', { keyPath: 'surveyId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(store: StoreName, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const request = work(tx.objectStore(store));
      // Resolved when the transaction commits, so a write is on disk before the page moves on.
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/**
 * Reads one record and writes what `change` makes of it, in one readwrite transaction: two
 * attempts at once (two taps, two tabs) are serialised by IndexedDB, so each is counted.
 * `change` returns the record to write (or null to write nothing) and the caller's answer.
 */
async function readModifyWrite<R, T>(
  store: StoreName,
  key: string,
  change: (current: R | undefined) => { write: R | null; answer: T },
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      const objects = tx.objectStore(store);
      let answer: T;
      const read = objects.get(key);
      read.onsuccess = () => {
        const decided = change(read.result as R | undefined);
        answer = decided.answer;
        if (decided.write !== null) objects.put(decided.write);
      };
      tx.oncomplete = () => resolve(answer);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const deviceStore = {
  device: (surveyId: string) =>
    run<StoredDevice | undefined>('devices', 'readonly', (s) => s.get(surveyId) as IDBRequest<StoredDevice | undefined>),
  /** The prepared survey and the new lock (a new PIN, no wrong attempts), written together or not at all. */
  savePrepared: async (device: StoredDevice, lock: DeviceLock): Promise<void> => {
    const db = await open();
    try {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['devices', 'lock'], 'readwrite');
        tx.objectStore('devices').put(device);
        tx.objectStore('lock').put(lock);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  },
  lock: (surveyId: string) => run<DeviceLock | undefined>('lock', 'readonly', (s) => s.get(surveyId) as IDBRequest<DeviceLock | undefined>),
  changeLock: <T>(surveyId: string, change: (current: DeviceLock | undefined) => { write: DeviceLock | null; answer: T }) =>
    readModifyWrite<DeviceLock, T>('lock', surveyId, change),
  queued: (surveyId: string) =>
    run<QueuedSubmission[]>('queue', 'readonly', (s) => s.index('surveyId').getAll(surveyId) as IDBRequest<QueuedSubmission[]>),
  enqueue: (item: QueuedSubmission) => run('queue', 'readwrite', (s) => s.add(item)),
  update: (item: QueuedSubmission) => run('queue', 'readwrite', (s) => s.put(item)),
  remove: (id: string) => run('queue', 'readwrite', (s) => s.delete(id)),
  /**
   * Forgets one survey's device: its prepared survey, token, lock and queue, in one
   * transaction. A tablet may be prepared for several surveys, each behind its own PIN: the
   * PIN of one never erases another's unsent answers. When no device is left, the whole
   * database goes. Returns how many devices (other surveys) are left.
   */
  forget: async (surveyId: string): Promise<number> => {
    const db = await open();
    let left = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['devices', 'lock', 'queue'], 'readwrite');
        tx.objectStore('devices').delete(surveyId);
        tx.objectStore('lock').delete(surveyId);
        const queue = tx.objectStore('queue');
        const keys = queue.index('surveyId').getAllKeys(surveyId);
        keys.onsuccess = () => {
          for (const key of keys.result) queue.delete(key);
        };
        const count = tx.objectStore('devices').count();
        count.onsuccess = () => {
          left = count.result;
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
    if (left === 0) await deleteDatabase();
    return left;
  },
  /** Deletes the whole database (every prepared survey, token, lock and queue). */
  forgetAll: () => deleteDatabase(),
};

function deleteDatabase(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DEVICE_DB);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

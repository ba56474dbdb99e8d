import type { PreparedOutreachDevice } from '@candor/shared';

/**
 * The outreach device's storage, in IndexedDB on the staff tablet only: the prepared survey
 * (definition, public key, device token) and the queue of sealed submissions. Nothing in the
 * queue is readable without the server's key; nothing else of a respondent is ever written.
 */
export const DEVICE_DB = 'candor-outreach-device';
const VERSION = 1;

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
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(store: 'devices' | 'queue', mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
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

export const deviceStore = {
  device: (surveyId: string) =>
    run<StoredDevice | undefined>('devices', 'readonly', (s) => s.get(surveyId) as IDBRequest<StoredDevice | undefined>),
  saveDevice: (device: StoredDevice) => run('devices', 'readwrite', (s) => s.put(device)),
  queued: (surveyId: string) =>
    run<QueuedSubmission[]>('queue', 'readonly', (s) => s.index('surveyId').getAll(surveyId) as IDBRequest<QueuedSubmission[]>),
  enqueue: (item: QueuedSubmission) => run('queue', 'readwrite', (s) => s.add(item)),
  update: (item: QueuedSubmission) => run('queue', 'readwrite', (s) => s.put(item)),
  remove: (id: string) => run('queue', 'readwrite', (s) => s.delete(id)),
  /** Deletes the whole database (the prepared survey, the token and any queue). */
  forgetAll: () =>
    new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(DEVICE_DB);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
      request.onblocked = () => resolve();
    }),
};

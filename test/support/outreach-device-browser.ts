import type { Page } from './browser';

/** The staff PIN the browser tests set when they prepare a device (issue 18: the staff screen's lock). */
export const DEVICE_PIN = 'tablet-pin-4821';

/** On the device page, signed in: names the device, sets its staff PIN and prepares it. */
export async function prepareDevice(page: Page, label: string, pin = DEVICE_PIN): Promise<void> {
  await page.getByLabel('Name of this device (for staff)').fill(label);
  await page.getByLabel(/^Staff PIN or passphrase for this device/).fill(pin);
  await page.getByLabel('Type the PIN again').fill(pin);
  await page.getByRole('button', { name: 'Prepare this device', exact: true }).click();
}

/** On the locked screen: types the staff PIN and waits for the staff screen. */
export async function unlockDevice(page: Page, pin = DEVICE_PIN): Promise<void> {
  await page.getByLabel('Staff PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByTestId('waiting').waitFor();
}

/** The device's lock record as someone with devtools would read it from IndexedDB (null if none). */
export async function readLock(page: Page): Promise<Record<string, unknown> | null> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('candor-outreach-device');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('lock')) return null;
      return await new Promise<Record<string, unknown> | null>((resolve, reject) => {
        const request = db.transaction('lock', 'readonly').objectStore('lock').getAll();
        request.onsuccess = () => resolve((request.result[0] as Record<string, unknown> | undefined) ?? null);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  });
}

/** Writes fields into the device's lock record, as a test shortcut (e.g. nine wrong PINs typed, their waits skipped). */
export async function patchLock(page: Page, fields: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (patch) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('candor-outreach-device');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('lock', 'readwrite');
        const store = tx.objectStore('lock');
        const read = store.getAll();
        read.onsuccess = () => {
          for (const record of read.result as Array<Record<string, unknown>>) store.put({ ...record, ...patch });
        };
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
  }, fields);
}

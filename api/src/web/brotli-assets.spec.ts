import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import { BrotliAssets } from './brotli-assets';

jest.mock('node:zlib', () => {
  const actual: typeof import('node:zlib') = jest.requireActual('node:zlib');
  return { ...actual, brotliCompress: jest.fn(actual.brotliCompress) };
});

describe('BrotliAssets', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'candor-brotli-'));
    for (let i = 0; i < 6; i++) writeFileSync(join(root, `chunk-${i}.js`), `console.log(${i});`.repeat(2000));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  // libuv has four threads by default, shared with pbkdf2 (the database's SCRAM sign-in), DNS
  // and file reads: compressing every file at once at start took all four, and under load the
  // API's first database connection timed out. One file at a time leaves three free.
  it('compresses one file at a time, and every file in the end', async () => {
    const compress = zlib.brotliCompress as unknown as jest.Mock;
    const actual: typeof import('node:zlib') = jest.requireActual('node:zlib');
    let inFlight = 0;
    let most = 0;
    compress.mockImplementation((source: Buffer, options: zlib.BrotliOptions, done: zlib.CompressCallback) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      actual.brotliCompress(source, options, (error, result) => {
        inFlight -= 1;
        done(error, result);
      });
    });
    const assets = new BrotliAssets(root);
    await assets.ready();
    expect(most).toBe(1);
    expect(compress).toHaveBeenCalledTimes(6);
    const served = await new Promise<Buffer | undefined>((resolve) => {
      const headers: Record<string, string> = {};
      const res = { setHeader: (k: string, v: string) => (headers[k] = v), end: (body?: Buffer) => resolve(body) };
      assets.middleware()({ method: 'GET', path: '/chunk-3.js', headers: { 'accept-encoding': 'gzip, br' } } as never, res as never, () =>
        resolve(undefined),
      );
    });
    expect(served && actual.brotliDecompressSync(served).toString()).toBe('console.log(3);'.repeat(2000));
  });
});

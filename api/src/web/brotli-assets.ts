import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompress, constants } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/**
 * The web app's text files compressed with brotli at the highest quality, once, in the
 * background at start (respondents' browsers cache nothing, so every visit downloads them:
 * brotli 11 takes SurveyJS's 1.4 MB to less than gzip's 0.35 MB). Until a file is ready the
 * usual on-the-fly compression serves it. One file at a time: compression runs on libuv's
 * four threads, which the database's SCRAM sign-in (pbkdf2), DNS and file reads share, and
 * compressing every file at once held all four long enough, on a loaded machine, for the
 * API's first database connection to time out.
 */
export class BrotliAssets {
  private readonly files = new Map<string, Buffer>();
  private readonly sizes = new Map<string, number>();
  private readonly logger = new Logger('Web');
  private readonly done: Promise<void>;

  constructor(root: string) {
    const queue: Array<{ url: string; source: Buffer }> = [];
    for (const path of walk(root)) {
      if (!TYPES[extname(path)]) continue;
      const url = '/' + relative(root, path).split(sep).join('/');
      const source = readFileSync(path);
      this.sizes.set(url, source.length);
      queue.push({ url, source });
    }
    this.done = this.compressInTurn(queue);
  }

  /** Resolves when every file is compressed (or failed, with a warning): for tests. */
  ready(): Promise<void> {
    return this.done;
  }

  private async compressInTurn(queue: ReadonlyArray<{ url: string; source: Buffer }>): Promise<void> {
    for (const { url, source } of queue) {
      try {
        this.files.set(url, await compress(source));
      } catch (error) {
        this.logger.warn(`brotli failed for ${url}: ${(error as Error).message}`);
      }
    }
  }

  /**
   * About how many bytes the SurveyJS page downloads (gzip-sized estimate before brotli is
   * ready): its entry, React, SurveyJS and the survey page's chunks and styles.
   */
  respondentAppBytes(): number {
    let total = 0;
    for (const [url, size] of this.sizes) {
      if (/^\/assets\/(index|react|surveyjs|survey-page|main)[-.]/.test(url)) total += this.files.get(url)?.length ?? Math.round(size / 4);
    }
    return total;
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      const body = this.files.get(req.path);
      if (!body || !/\bbr\b/.test(String(req.headers['accept-encoding'] ?? ''))) return next();
      res.setHeader('Content-Type', TYPES[extname(req.path)] as string);
      res.setHeader('Content-Encoding', 'br');
      res.setHeader('Vary', 'Accept-Encoding');
      res.setHeader('Content-Length', String(body.length));
      if (req.method === 'HEAD') res.end();
      else res.end(body);
    };
  }
}

function compress(source: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    brotliCompress(
      source,
      { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } },
      (error, compressed) => (error ? reject(error) : resolve(compressed)),
    ),
  );
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

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
 * usual on-the-fly compression serves it.
 */
export class BrotliAssets {
  private readonly files = new Map<string, Buffer>();
  private readonly sizes = new Map<string, number>();
  private readonly logger = new Logger('Web');

  constructor(root: string) {
    for (const path of walk(root)) {
      if (!TYPES[extname(path)]) continue;
      const url = '/' + relative(root, path).split(sep).join('/');
      const source = readFileSync(path);
      this.sizes.set(url, source.length);
      brotliCompress(
        source,
        { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } },
        (error, compressed) => {
          if (error) this.logger.warn(`brotli failed for ${url}: ${error.message}`);
          else this.files.set(url, compressed);
        },
      );
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

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

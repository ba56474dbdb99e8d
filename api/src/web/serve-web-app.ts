import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrotliAssets } from './brotli-assets';
import { BOOT_SCRIPT, parseIndexHtml, setWebEntry } from './web-entry';

/**
 * Serves the built web app from the API's origin: static files (brotli-compressed once,
 * at start), and `index.html` for every other GET outside `/api`, `/f/` and the shared
 * survey link `/s/:slug` (rendered by the server) so client-side routes (`/d/...`) load.
 */
export function serveWebApp(app: NestExpressApplication, distDir: string): boolean {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) {
    setWebEntry(undefined);
    new Logger('Web').warn(`no built web app at ${distDir}; run "npm run build" to serve the pages`);
    return false;
  }
  const html = readFileSync(index, 'utf8');
  const brotli = new BrotliAssets(distDir);
  const parsed = parseIndexHtml(html);
  setWebEntry({
    boot: BOOT_SCRIPT,
    ...(parsed.script
      ? {
          app: {
            script: parsed.script,
            styles: parsed.styles,
            get bytes() {
              return brotli.respondentAppBytes();
            },
          },
        }
      : {}),
  });
  app.use(brotli.middleware());
  app.use(
    express.static(distDir, {
      index: false,
      etag: false,
      lastModified: false,
      maxAge: 0,
      fallthrough: true,
      dotfiles: 'ignore',
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      req.path.startsWith('/api') ||
      req.path.startsWith('/f/') ||
      SURVEY_PATH.test(req.path) ||
      /\.[a-z0-9]+$/i.test(req.path)
    ) {
      next();
      return;
    }
    res.type('html').send(html);
  });
  return true;
}

/** The shared survey link, rendered by the server (lean-form's SharedLinkController). */
const SURVEY_PATH = /^\/s\/[^/]+\/?$/;

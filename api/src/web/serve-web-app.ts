import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built web app from the API's origin: static files, and `index.html` for
 * every other GET outside `/api` so client-side routes (`/s/demo`, `/d/...`) load.
 */
export function serveWebApp(app: NestExpressApplication, distDir: string): boolean {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Web').warn(`no built web app at ${distDir}; run "npm run build" to serve the pages`);
    return false;
  }
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
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api') || /\.[a-z0-9]+$/i.test(req.path)) {
      next();
      return;
    }
    res.sendFile(index, { etag: false, lastModified: false });
  });
  return true;
}

import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
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
  const html = readFileSync(index, 'utf8');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api') || req.path.startsWith('/f/') || /\.[a-z0-9]+$/i.test(req.path)) {
      next();
      return;
    }
    res.type('html').send(withNoScriptFallback(html, req));
  });
  return true;
}

const SURVEY_PATH = /^\/s\/([a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)\/?$/;

/**
 * Survey pages send browsers without JavaScript to the server-rendered form: a refresh
 * inside <noscript> in the head (ignored when scripts run), and a link in the body.
 */
export function withNoScriptFallback(html: string, req: Pick<Request, 'path' | 'query'>): string {
  const match = SURVEY_PATH.exec(req.path);
  if (!match) return html;
  const lang = req.query['lang'] === 'es' ? 'es' : 'en';
  const target = `/f/${match[1]}?lang=${lang}`;
  const text = lang === 'es' ? 'Abrir la encuesta sin JavaScript' : 'Open the survey without JavaScript';
  return html
    .replace('</head>', `<noscript><meta http-equiv="refresh" content="0; url=${target}"></noscript></head>`)
    .replace(/<noscript>\s*<p>[^<]*<\/p>\s*<\/noscript>/, `<noscript><p><a href="${target}">${text}</a></p></noscript>`);
}

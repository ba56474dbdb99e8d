import type { Request, Response } from 'express';
import type { ApiErrorBody } from '@candor/shared';

/** Pages without JavaScript (/f/...) get errors as a readable page, not JSON. */
export function wantsHtml(req: Request | undefined): boolean {
  return req?.path?.startsWith('/f/') === true || req?.path === '/f';
}

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function sendErrorPage(res: Response, status: number, body: ApiErrorBody, headers: Readonly<Record<string, string>>): void {
  const details = body.details.map((detail) => `<li>${escape(detail.message)}</li>`).join('');
  res
    .status(status)
    .set(headers)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>Survey</title><link rel="stylesheet" href="/lean.css"></head>` +
        `<body><header class="bar"><a class="exit" href="/api/public/exit">Quick exit / Salida rápida</a></header><main><h1>${escape(body.message)}</h1>${details ? `<ul>${details}</ul>` : ''}` +
        `<p>Go back and try again. / Vuelve atrás e inténtalo de nuevo.</p></main></body></html>`,
    );
}

import type { Request, Response } from 'express';
import type { ApiErrorBody } from '@candor/shared';
import { documentHtml } from '../lean-form/document';
import { html } from './html';

/** Pages without JavaScript (/f/...) get errors as a readable page, not JSON. */
export function wantsHtml(req: Request | undefined): boolean {
  return req?.path?.startsWith('/f/') === true || req?.path === '/f';
}

/** The error as a page in the respondent pages' one shell (the message and details escaped like any text). */
export function sendErrorPage(res: Response, status: number, body: ApiErrorBody, headers: Readonly<Record<string, string>>): void {
  const details = body.details.map((detail) => html`<li>${detail.message}</li>`);
  const main = html`<h1>${body.message}</h1>${details.length > 0 && html`<ul>${details}</ul>`}
<p>Go back and try again. / Vuelve atrás e inténtalo de nuevo.</p>`;
  res
    .status(status)
    .set(headers)
    .type('html')
    .send(documentHtml({ lang: 'en', errorPage: true }, main));
}

import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE } from '../common/staff-principal';

/** Swagger UI needs inline styles; only its pages get this looser policy. */
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The OpenAPI document at `/api/docs` (Swagger UI, served from this origin) and
 * `/api/docs-json`, covering public and staff routes.
 */
export function setUpOpenApi(app: NestExpressApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Candor API')
    .setDescription(
      'Anonymous surveys and disclosure-controlled publishing. Routes under /api/public need no account and read no identifiers. ' +
        'Staff routes need the session cookie from POST /api/auth/login, and writes need its CSRF token in the X-CSRF-Token header. ' +
        'Errors are { code, message, details }.',
    )
    .setVersion('0.1.0')
    .addCookieAuth(SESSION_COOKIE)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  app.use('/api/docs', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    next();
  });
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Candor API' });
}

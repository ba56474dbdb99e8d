import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { AddressHasher } from './common/address-hasher';
import { configureHttpPipeline } from './common/http-pipeline';
import { limitSlowClients } from './common/slow-clients';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';
import { setUpOpenApi } from './docs/openapi';
import { serveWebApp } from './web/serve-web-app';

const LOG_LEVELS: Record<AppConfig['LOG_LEVEL'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

export function logLevels(config: AppConfig): LogLevel[] {
  return LOG_LEVELS[config.LOG_LEVEL];
}

/** Default location of the built web app: `dist/web` at the workspace root. */
export function defaultWebDistDir(): string {
  return join(__dirname, '..', 'web');
}

/** Applies the HTTP pipeline, global pipe and web app to an app from any module ref. */
export function configureApp(app: NestExpressApplication, config: AppConfig): NestExpressApplication {
  configureHttpPipeline(app, config);
  limitSlowClients(app.getHttpServer(), config, app.get(AddressHasher, { strict: false }));
  // The shared link /s/... and the form /f/... are rendered here (short, neutral addresses in a browser's history).
  app.setGlobalPrefix('api', { exclude: ['f/{*path}', 's/{*path}'] });
  app.useGlobalPipes(createValidationPipe());
  setUpOpenApi(app);
  serveWebApp(app, config.WEB_DIST_DIR ?? defaultWebDistDir());
  app.enableShutdownHooks();
  return app;
}

export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: logLevels(config),
  });
  return configureApp(app, config);
}

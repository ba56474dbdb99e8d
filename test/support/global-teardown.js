const fs = require('node:fs');
const path = require('node:path');
const { dropTemplateDatabase } = require('./template-database');

module.exports = async function globalTeardown() {
  await dropTemplateDatabase();
  const embedded = globalThis.__CANDOR_EMBEDDED_PG__;
  if (!embedded) return;
  await embedded.database.stop();
  fs.rmSync(path.dirname(embedded.dataDir), { recursive: true, force: true });
  delete process.env.DATABASE_URL;
};

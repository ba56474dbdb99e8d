import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * "Only the publications module reads answers for counting" (issue 15 point 1), as a checked
 * fact: SQL that looks inside a stored answer (the JSON operators on `answers`) is written in
 * these repositories only. The intake writes answers and the mixer moves them whole; neither
 * looks inside. Adding a reader means adding it here, in review, with its reason.
 */
const READERS_OF_ANSWERS: Record<string, string> = {
  // The GROUPING SETS count behind every release; the table builder's counts
  // (custom-tables.repository.ts) use the same expressions (`expressionFor`).
  'publications/aggregation.repository.ts': 'the one place answers are read for counting',
  'responses/sealed-text.repository.ts': 'sealed free text, opened only in a researcher’s browser with the key',
};

const SRC = __dirname;
// A JSON operator applied to the answers column (quoted or cast or not), or a jsonb function
// taking it apart.
const LOOKS_INSIDE = /\banswers"?\s*(::\s*jsonb\s*)?(->>?|#>>?|@>|\?[|&]?\s)|\bjsonb_\w+\(\s*(\w+\.)?"?answers\b/;

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productionFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.spec-helper.ts') ? [path] : [];
  });
}

describe('who reads answers', () => {
  it('reads inside stored answers only in the listed repositories', () => {
    const readers = productionFiles(SRC)
      .filter((file) => LOOKS_INSIDE.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file))
      .sort();
    expect(readers).toEqual(Object.keys(READERS_OF_ANSWERS).sort());
  });

  it('would notice a service that looks inside answers', () => {
    expect(LOOKS_INSIDE.test("SELECT r.answers ->> 'gender' FROM stored_response r")).toBe(true);
    expect(LOOKS_INSIDE.test('SELECT answers #> $2::text[] FROM response')).toBe(true);
    expect(LOOKS_INSIDE.test('SELECT r."answers"::jsonb -> \'gender\' FROM response r')).toBe(true);
    expect(LOOKS_INSIDE.test('SELECT key FROM response r, jsonb_each(r.answers)')).toBe(true);
    expect(LOOKS_INSIDE.test("SELECT count(*) FROM response WHERE answers ? 'gender'")).toBe(true);
    expect(LOOKS_INSIDE.test('INSERT INTO response (answers) SELECT i.answers FROM response_intake i')).toBe(false);
  });
});

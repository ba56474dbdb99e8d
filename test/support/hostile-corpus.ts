import { NAVIGATION_HTML, SCRIPT_STRINGS } from '@candor/shared/testing';

/**
 * Hostile inputs for the public intake (issue 6): malformed JSON, huge and deeply nested
 * bodies, wrong types, unknown and hidden questions, prototype-pollution keys, SQL and
 * script strings, invalid UTF-8, wrong content types and methods. Every case must be
 * refused with a 4xx that says what was wrong, store nothing, and leave the API serving.
 * Generated from a few lists so the corpus stays readable and easy to extend.
 */
export interface HostileCase {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
const KEY = 'hostile-key-0123456789';

export const SQL_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE response; --",
  "yes'); DELETE FROM survey; --",
  '1; SELECT pg_sleep(10)',
  "' UNION SELECT password_hash FROM staff_user --",
  '$$; DROP TABLE response; $$',
  '\\x27 OR 1=1',
  "admin'--",
  '" OR ""="',
  "'; COPY response TO '/tmp/x'; --",
];

// Script strings and navigating HTML live in @candor/shared/testing, where the sanitizers' shared test reads them too.
export { NAVIGATION_HTML, SCRIPT_STRINGS };

/** Cells a spreadsheet would run, once it has skipped leading blanks (issue 11). */
export const FORMULA_STRINGS = [
  '=1+1',
  ' =1+1',
  '\n=HYPERLINK("https://evil.example","x")',
  "\u00a0=cmd|' /C calc'!A0",
  '\u200b@SUM(A1)',
  '\uff1d1+1',
  '\t+1',
  '-1+1',
];

/** Answers that make a backtracking regex engine run for hours against `^([a-zA-Z]+ ?)+$` (issue 11). */
export const REDOS_ANSWERS = [`${'a'.repeat(1999)}1`, `${'ab '.repeat(666)}!`, `${'a'.repeat(31)}1`];

export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__lookupSetter__',
];

export function hostileCorpus(slug: string, versionId: string): HostileCase[] {
  const path = `/api/public/surveys/${slug}/responses`;
  const cases: HostileCase[] = [];
  const raw = (name: string, body: string | Buffer, headers: Record<string, string> = JSON_TYPE, method = 'POST', at = path) =>
    cases.push({ name, method, path: at, headers, body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body });
  const json = (name: string, value: unknown) => raw(name, JSON.stringify(value));
  const submission = (answers: unknown, extra: Record<string, unknown> = {}) => ({ versionId, answers, idempotencyKey: KEY, ...extra });

  // 1. Malformed JSON.
  const malformed = [
    '',
    '{',
    '}',
    '[',
    '{"versionId":',
    '{"versionId":"x",}',
    "{'versionId':'x'}",
    '{versionId:"x"}',
    '{"a":NaN}',
    '{"a":Infinity}',
    '{"a":undefined}',
    '{"a":01}',
    '{"a":.5}',
    '{"a":+1}',
    '{"a":0x10}',
    '{"a":"\\x41"}',
    '{"a":"\u0000"',
    '{"a" "b"}',
    '{"a":1 "b":2}',
    '/* c */{}',
    '{} // c',
    '{}{}',
    'null',
    'true',
    '42',
    '"string"',
    '[]',
    '[{"answers":{}}]',
    '\ufeff{}',
    '{"a":"tab\there"}',
    '{"a":[1,2,]}',
    '{"a":}',
    '{"answers":{"adult":"yes"}',
    '{{}}',
    '{"a":1}}',
    'nul',
    'tru',
    '{"a":-}',
    '{"a":1e}',
    ' ',
  ];
  malformed.forEach((body, i) => raw(`malformed JSON #${i + 1}: ${JSON.stringify(body).slice(0, 30)}`, body));

  // 2. Huge bodies.
  for (const size of [65 * 1024, 256 * 1024, 1024 * 1024, 5 * 1024 * 1024]) {
    json(`huge free-text answer of ${size} bytes`, submission({ adult: 'yes', note: 'x'.repeat(size) }));
  }
  json('100,000 keys in answers', submission(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`q${i}`, 'yes']))));
  json('a 70,000-element array answer', submission({ adult: 'yes', safety_tools: Array.from({ length: 70_000 }, () => 'buddy') }));
  json('a 3,000-character idempotency key', submission({ adult: 'yes' }, { idempotencyKey: 'k'.repeat(3000) }));
  json('a 2,000-character answer to a choice', submission({ adult: 'y'.repeat(2000) }));
  raw('2 MB of whitespace', ' '.repeat(2 * 1024 * 1024));
  raw('a 10 MB body', Buffer.alloc(10 * 1024 * 1024, 0x61));

  // 3. Deeply nested bodies.
  for (const depth of [7, 10, 50, 500, 5000]) {
    raw(
      `arrays nested ${depth} deep`,
      `{"versionId":"${versionId}","idempotencyKey":"${KEY}","answers":{"adult":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
    );
    raw(
      `objects nested ${depth} deep`,
      `{"versionId":"${versionId}","idempotencyKey":"${KEY}","answers":{"adult":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}}`,
    );
  }

  // 4. Wrong types.
  const wrongValues: unknown[] = [
    null,
    true,
    false,
    0,
    -1,
    1.5,
    1e308,
    '',
    ' ',
    [],
    {},
    ['yes'],
    { value: 'yes' },
    'YES',
    'Yes ',
    'yes\u0000',
  ];
  for (const value of wrongValues) json(`adult = ${JSON.stringify(value)}`, submission({ adult: value }));
  for (const value of [null, 'buddy', 5, { buddy: true }, [5], [null], [['buddy']], ['buddy', 'buddy'], ['none', 'buddy']]) {
    json(`safety_tools = ${JSON.stringify(value)}`, submission({ adult: 'yes', safety_tools: value }));
  }
  for (const answers of [null, [], 'answers', 7, true, [{ adult: 'yes' }]])
    json(`answers = ${JSON.stringify(answers)}`, submission(answers));
  for (const id of [
    null,
    7,
    '',
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    versionId.toUpperCase().replace(/4/, 'Z'),
    [versionId],
    { id: versionId },
  ]) {
    json(`versionId = ${JSON.stringify(id)}`, { versionId: id, answers: { adult: 'yes' }, idempotencyKey: KEY });
  }
  for (const key of [null, 7, '', 'short', 'has spaces in it!!', 'ünïcödé-ünïcödé-ü', '../../../../etc/passwd', ['a'.repeat(20)]]) {
    json(`idempotencyKey = ${JSON.stringify(key)}`, { versionId, answers: { adult: 'yes' }, idempotencyKey: key });
  }
  json('missing versionId', { answers: { adult: 'yes' }, idempotencyKey: KEY });
  json('missing answers', { versionId, idempotencyKey: KEY });
  json('missing idempotencyKey', { versionId, answers: { adult: 'yes' } });
  json('an extra top-level field', { ...submission({ adult: 'yes' }), isAdmin: true });
  json('proofOfWork as an object', submission({ adult: 'yes' }, { proofOfWork: { solved: true } }));
  json('outreachCode as a number', submission({ adult: 'yes' }, { outreachCode: 12345 }));

  // 5. Unknown questions.
  for (const name of [
    'nonexistent',
    'ADULT',
    'adult ',
    'adult.value',
    'adult[0]',
    'answers',
    'x'.repeat(1000),
    '',
    ' ',
    '0',
    'q1',
    'screened_clients',
    'screened_clients__during',
    'adult-comment',
    'adult-Comment',
    '../adult',
  ]) {
    json(`unknown question ${JSON.stringify(name).slice(0, 30)}`, submission({ adult: 'yes', [name]: 'yes' }));
  }
  // 6. Answers to questions skip logic hides, and required ones left out.
  json('screening answered by a minor', submission({ adult: 'no', screened_clients__before: 'yes' }));
  json('follow-up without its trigger', submission({ adult: 'yes', violent_incident: 'no', incident_reported: 'police' }));
  json('follow-up with no trigger at all', submission({ adult: 'yes', incident_reported: 'police' }));
  json(
    'every page answered by a minor',
    submission({
      adult: 'no',
      screened_clients__before: 'yes',
      screened_clients__after: 'no',
      safety_tools: ['buddy'],
      violent_incident: 'yes',
      incident_reported: 'peers',
    }),
  );
  json('the required gate left out', submission({ screened_clients__before: 'yes' }));
  json('empty answers (the required gate missing)', submission({}));
  for (const value of ['never', 'sometimes', 'maybe', 'refused ', 'none'])
    json(`a choice not offered: ${value}`, submission({ adult: 'yes', screened_clients__before: value }));

  // 7. Prototype pollution.
  for (const key of PROTOTYPE_KEYS) {
    raw(
      `"${key}" at the top level`,
      `{"${key}":{"polluted":true},"versionId":"${versionId}","answers":{"adult":"yes"},"idempotencyKey":"${KEY}"}`,
    );
    raw(
      `"${key}" in answers`,
      `{"versionId":"${versionId}","answers":{"adult":"yes","${key}":{"polluted":true}},"idempotencyKey":"${KEY}"}`,
    );
    raw(`"${key}" as the only answer`, `{"versionId":"${versionId}","answers":{"${key}":"yes"},"idempotencyKey":"${KEY}"}`);
  }
  raw(
    'constructor.prototype in answers',
    `{"versionId":"${versionId}","answers":{"adult":"yes","constructor":{"prototype":{"polluted":true}}},"idempotencyKey":"${KEY}"}`,
  );
  raw(
    '__proto__ nested in a multi-select',
    `{"versionId":"${versionId}","answers":{"adult":"yes","safety_tools":{"__proto__":["buddy"]}},"idempotencyKey":"${KEY}"}`,
  );

  // 8 and 9. SQL and script strings everywhere a string can go.
  for (const value of [...SQL_STRINGS, ...SCRIPT_STRINGS]) {
    json(`as a choice: ${value.slice(0, 24)}`, submission({ adult: value }));
    json(`as a question name: ${value.slice(0, 24)}`, submission({ adult: 'yes', [value]: 'yes' }));
    json(`as the versionId: ${value.slice(0, 24)}`, { versionId: value, answers: { adult: 'yes' }, idempotencyKey: KEY });
  }
  for (const value of [...SQL_STRINGS.slice(0, 5), ...SCRIPT_STRINGS.slice(0, 5)]) {
    json(`in the survey address: ${value.slice(0, 24)}`, submission({ adult: 'yes' }));
    const last = cases[cases.length - 1] as HostileCase;
    cases[cases.length - 1] = { ...last, path: `/api/public/surveys/${encodeURIComponent(value)}/responses` };
  }

  // 10. Invalid UTF-8.
  const prefix = Buffer.from(`{"versionId":"${versionId}","idempotencyKey":"${KEY}","answers":{"adult":"`);
  const suffix = Buffer.from('"}}');
  const badBytes = [
    [0xc3, 0x28],
    [0xa0, 0xa1],
    [0xe2, 0x28, 0xa1],
    [0xe2, 0x82, 0x28],
    [0xf0, 0x28, 0x8c, 0xbc],
    [0xf0, 0x90, 0x28, 0xbc],
    [0xf8, 0xa1, 0xa1, 0xa1, 0xa1],
    [0xc0, 0xaf],
    [0xe0, 0x80, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xff],
    [0xfe, 0xff],
    [0x80],
    [0xbf],
    [0xc1, 0xbf],
    [0xf5, 0x80, 0x80, 0x80],
  ];
  badBytes.forEach((bytes, i) =>
    raw(`invalid UTF-8 #${i + 1} (${bytes.map((b) => b.toString(16)).join(' ')})`, Buffer.concat([prefix, Buffer.from(bytes), suffix])),
  );
  raw('a lone surrogate escape', `{"versionId":"${versionId}","idempotencyKey":"${KEY}","answers":{"adult":"\\ud800"}}`);
  raw('UTF-16 encoded JSON', Buffer.from(JSON.stringify(submission({ adult: 'yes' })), 'utf16le'));
  raw('latin-1 encoded JSON with a non-ASCII key', Buffer.from(JSON.stringify(submission({ adult: 'yes', señal: 'sí' })), 'latin1'));

  // 11. Wrong content types.
  const valid = JSON.stringify(submission({ adult: 'yes' }));
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
    'text/html',
    'application/javascript',
    'application/octet-stream',
    'application/json-patch+json',
    'application/csp-report',
    'application/jsonx',
    'image/png',
    'json',
    '',
  ]) {
    raw(`content-type ${JSON.stringify(type)}`, valid, type ? { 'content-type': type } : {});
  }
  raw('form-encoded answers', 'versionId=x&answers[adult]=yes', FORM_TYPE);
  raw('XML body', '<submission><adult>yes</adult></submission>', { 'content-type': 'application/xml' });

  // 12. Methods and paths.
  for (const method of ['PUT', 'PATCH', 'DELETE']) raw(`${method} on responses`, valid, JSON_TYPE, method);
  for (const at of [
    '/api/public/surveys/../../staff-users',
    '/api/public/surveys/%2e%2e%2fstaff-users/responses',
    '/api/public/surveys/demo%00/responses',
    `/api/public/surveys/${'a'.repeat(300)}/responses`,
    '/api/public/surveys/DEMO/responses',
    '/api/public/surveys/demo/responses/extra',
    '/api/public/surveys//responses',
    '/api/public/surveys/-demo/responses',
  ]) {
    raw(`path ${at.slice(0, 50)}`, valid, JSON_TYPE, 'POST', at);
  }

  // 13. Unicode look-alikes: never the same as the value offered.
  for (const value of ['ｙｅｓ', 'уes', 'ye\u0301s', 'yes\u200b', '\u200byes', 'y\u00e9s', 'YES', 'yes\u202e', '👍', 'yes\u{1F44E}']) {
    json(`look-alike choice ${JSON.stringify(value)}`, submission({ adult: value }));
  }
  for (const name of ['adult\u200b', 'ａdult', 'adul\u0074\u0000', '\u202eadult'])
    json(`look-alike question ${JSON.stringify(name)}`, submission({ [name]: 'yes' }));

  // 14. Stale and foreign versions.
  for (const id of ['11111111-1111-4111-8111-111111111111', '6f1f4a0e-4a52-4a8b-9a53-0c4b8d5b2f10'])
    json(`unknown version ${id}`, { versionId: id, answers: { adult: 'yes' }, idempotencyKey: KEY });

  // 15. The no-JS form.
  const form = `/f/${slug}`;
  const formCases: [string, string, Record<string, string>][] = [
    ['empty form', '', FORM_TYPE],
    ['state that is not base64', 'state=%%%&action=next&adult=yes', FORM_TYPE],
    [
      'state with prototype keys',
      `state=${Buffer.from('{"__proto__":{"polluted":true},"a":{"__proto__":{"x":1}},"p":[0],"s":[],"k":"abcdefghijklmnop","t":"x","l":"en","v":"x"}').toString('base64url')}&action=next`,
      FORM_TYPE,
    ],
    [
      'state pointing past the last page',
      `state=${Buffer.from(`{"a":{},"p":[999],"s":[],"k":"abcdefghijklmnop","t":"x","l":"en","v":"${versionId}"}`).toString('base64url')}&action=next`,
      FORM_TYPE,
    ],
    [
      'state with negative pages',
      `state=${Buffer.from(`{"a":{},"p":[-1],"s":[],"k":"abcdefghijklmnop","t":"x","l":"en","v":"${versionId}"}`).toString('base64url')}&action=next`,
      FORM_TYPE,
    ],
    [
      'a forged ticket on the last page',
      `state=${Buffer.from(`{"a":{"adult":"no"},"p":[0],"s":["adult"],"k":"abcdefghijklmnop","t":"forged.ticket","l":"en","v":"${versionId}"}`).toString('base64url')}&action=next&adult=no`,
      FORM_TYPE,
    ],
    ['__proto__ fields', 'state=x&__proto__=1&constructor=2&adult=yes', FORM_TYPE],
    ['script in a field', 'state=x&adult=%3Cscript%3Ealert(1)%3C%2Fscript%3E', FORM_TYPE],
    ['SQL in a field', 'state=x&adult=%27%3B%20DROP%20TABLE%20response%3B--', FORM_TYPE],
    ['a JSON body', valid, JSON_TYPE],
    [
      'a multipart body',
      '--x\r\nContent-Disposition: form-data; name="adult"\r\n\r\nyes\r\n--x--',
      { 'content-type': 'multipart/form-data; boundary=x' },
    ],
    ['a 100 KB field', `state=${'a'.repeat(100 * 1024)}`, FORM_TYPE],
    ['2,000 fields', Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join('&'), FORM_TYPE],
    ['invalid UTF-8 in a field', 'state=x&adult=%C3%28', FORM_TYPE],
  ];
  for (const [name, body, headers] of formCases) raw(`no-JS form: ${name}`, body, headers, 'POST', form);
  // 16. Issue 11: navigating HTML, spreadsheet formulas and backtracking bait, as answers and names.
  for (const value of [...NAVIGATION_HTML, ...FORMULA_STRINGS, ...REDOS_ANSWERS]) {
    json(`issue 11 payload as a choice: ${JSON.stringify(value).slice(0, 24)}`, submission({ adult: value }));
    json(`issue 11 payload as a question name: ${JSON.stringify(value).slice(0, 24)}`, submission({ adult: 'yes', [value]: 'yes' }));
    json(
      `issue 11 payload as "Other" text: ${JSON.stringify(value).slice(0, 24)}`,
      submission({ adult: 'yes', 'safety_tools-Comment': value }),
    );
  }
  return cases;
}

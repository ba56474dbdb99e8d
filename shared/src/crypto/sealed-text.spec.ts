import {
  generateResearchKeyPair,
  isResearchPublicKey,
  isSealedText,
  makeResearchKeyFile,
  openSealedText,
  readResearchKeyFile,
  ResearchKeyFileError,
  sealText,
  sealedLengthFor,
  fromBase64Url,
  toBase64Url,
} from './sealed-text';
import { compileSurvey } from '../surveys/definition/compile-survey';
import type { ChoiceJson } from '../surveys/definition/survey-definition';
import { validateAnswers } from '../surveys/definition/validate-answers';
import { freeTextFields, freeTextIsSealed, hasFreeText, sealFreeText } from '../surveys/respondent/free-text';

const evaluate = () => true;

describe('sealed free text (issue 17)', () => {
  const keys = generateResearchKeyPair();

  it('opens with the research key what was sealed to it, and never gives the same ciphertext twice', () => {
    for (const text of ['', 'call me on 555 0100', 'ñandú — 😀 '.repeat(40)]) {
      const a = sealText(text, keys.publicKey);
      const b = sealText(text, keys.publicKey);
      expect(a).not.toBe(b);
      expect(a).not.toContain(text || '\u0000');
      expect(isSealedText(a)).toBe(true);
      expect(openSealedText(a, keys)).toBe(text);
    }
  });

  it('refuses another key and any altered byte', () => {
    const sealed = sealText('my handle is @someone', keys.publicKey);
    expect(() => openSealedText(sealed, generateResearchKeyPair())).toThrow();
    const bytes = fromBase64Url(sealed.slice(4)) as Uint8Array;
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 1;
    expect(() => openSealedText('ct1.' + toBase64Url(bytes), keys)).toThrow();
  });

  it('pads, so lengths are told only in blocks of 64 bytes', () => {
    expect(sealText('a', keys.publicKey).length).toBe(sealText('a'.repeat(60), keys.publicKey).length);
    expect(sealText('a'.repeat(64), keys.publicKey).length).toBeGreaterThan(sealText('a'.repeat(60), keys.publicKey).length);
    expect(sealText('€'.repeat(500), keys.publicKey).length).toBeLessThanOrEqual(sealedLengthFor(500));
  });

  it('tells a public key and a sealed text by shape', () => {
    expect(isResearchPublicKey(keys.publicKey)).toBe(true);
    expect(isResearchPublicKey('A'.repeat(43))).toBe(false);
    expect(isResearchPublicKey('AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
    expect(isResearchPublicKey(keys.publicKey + '=')).toBe(false);
    expect(isSealedText('ct1.abc')).toBe(false);
    expect(isSealedText('plain text')).toBe(false);
    expect(isSealedText('ct1.' + toBase64Url(new Uint8Array(72 + 64)))).toBe(true);
    expect(isSealedText('ct1.' + toBase64Url(new Uint8Array(72 + 65)))).toBe(false);
  });

  it('round-trips a key file, plain or wrapped with a passphrase', async () => {
    const plain = await makeResearchKeyFile(keys, 'Survey');
    await expect(readResearchKeyFile(JSON.stringify(plain))).resolves.toEqual(keys);
    const wrapped = await makeResearchKeyFile(keys, 'Survey', 'correct horse battery');
    expect(JSON.stringify(wrapped)).not.toContain(keys.secretKey);
    await expect(readResearchKeyFile(JSON.stringify(wrapped))).rejects.toEqual(new ResearchKeyFileError('passphrase_needed'));
    await expect(readResearchKeyFile(JSON.stringify(wrapped), 'wrong')).rejects.toEqual(new ResearchKeyFileError('wrong_passphrase'));
    await expect(readResearchKeyFile(JSON.stringify(wrapped), 'correct horse battery')).resolves.toEqual(keys);
    const other = generateResearchKeyPair();
    await expect(readResearchKeyFile(JSON.stringify({ ...plain, secretKey: other.secretKey }))).rejects.toEqual(
      new ResearchKeyFileError('wrong_key'),
    );
    await expect(readResearchKeyFile('not json')).rejects.toEqual(new ResearchKeyFileError('not_a_key_file'));
  }, 30000);
});

describe('free-text fields and validation of sealed answers', () => {
  const keys = generateResearchKeyPair();
  const compiled = compileSurvey({
    pages: [
      {
        name: 'p',
        elements: [
          { type: 'text', name: 'story', isRequired: true, maxLength: 200, validators: [{ type: 'regex', regex: '^[a-z ]+$' }] },
          { type: 'text', name: 'age', inputType: 'number' },
          { type: 'radiogroup', name: 'work', choices: ['a', 'b'], showOtherItem: true },
          { type: 'multipletext', name: 'boxes', items: [{ name: 'x' }, { name: 'n', inputType: 'number' }] },
          { type: 'comment', name: 'more' },
        ],
      },
    ],
  });

  it('finds every free-text field and nothing else', () => {
    expect(freeTextFields(compiled).map((f) => f.key)).toEqual(['story', 'work-Comment', 'boxes.x', 'more']);
    expect(hasFreeText(compiled)).toBe(true);
    expect(hasFreeText(compileSurvey({ pages: [{ name: 'p', elements: [{ type: 'radiogroup', name: 'a', choices: ['x'] }] }] }))).toBe(
      false,
    );
  });

  it('seals every free text, keeps the rest, and keeps what is sealed already', () => {
    const answers = { story: 'plain words', age: 31, work: 'other', 'work-Comment': 'my own', boxes: { x: 'box', n: 2 } };
    const sealed = sealFreeText(compiled, answers, keys.publicKey);
    expect(freeTextIsSealed(compiled, answers)).toBe(false);
    expect(freeTextIsSealed(compiled, sealed)).toBe(true);
    expect(JSON.stringify(sealed)).not.toMatch(/plain words|my own|"box"/);
    expect(sealed['age']).toBe(31);
    expect((sealed['boxes'] as Record<string, unknown>)['n']).toBe(2);
    expect(openSealedText(sealed['story'] as string, keys)).toBe('plain words');
    expect(sealFreeText(compiled, sealed, keys.publicKey)).toEqual(sealed);
  });

  it('seals values of the respondent’s own and computed text, and keeps offered choices, numbers and flags', () => {
    const custom = compileSurvey({
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'dropdown', name: 'venue', choices: ['street', 'indoor'], allowCustomChoices: true },
            { type: 'tagbox', name: 'places', choices: ['bar', 'club'], allowCustomChoices: true },
            { type: 'expression', name: 'echo', expression: '{venue}' },
            { type: 'expression', name: 'total', expression: '1 + 1' },
          ],
        },
      ],
    });
    expect(freeTextFields(custom).map((f) => f.key)).toEqual(['venue', 'places', 'echo', 'total']);
    const plain = { venue: 'my place', places: ['bar', 'a back room'], echo: 'my place', total: 2 };
    const sealed = sealFreeText(custom, plain, keys.publicKey);
    expect(JSON.stringify(sealed)).not.toMatch(/my place|back room/);
    expect(sealed['places']).toEqual(['bar', expect.stringMatching(/^ct1\./)]);
    expect(sealed['total']).toBe(2);
    expect(sealFreeText(custom, { venue: 'street', places: ['club'] }, keys.publicKey)).toEqual({ venue: 'street', places: ['club'] });
    expect(freeTextIsSealed(custom, plain)).toBe(false);
    expect(freeTextIsSealed(custom, sealed)).toBe(true);
    expect(validateAnswers(custom, sealed, evaluate, { sealedText: 'required' })).toEqual([]);
    expect(validateAnswers(custom, plain, evaluate, { sealedText: 'required' }).map((p) => `${p.path} ${p.code}`)).toEqual([
      'venue NOT_SEALED',
      'places NOT_SEALED',
      'echo NOT_SEALED',
    ]);
    expect(validateAnswers(custom, plain, evaluate, { sealedText: 'allowed' })).toEqual([]);
    expect(() =>
      compileSurvey({
        elements: [
          {
            type: 'matrixdropdown',
            name: 'm',
            rows: ['r'],
            // A matrix column is an object of its own (the definition types columns as choices).
            columns: [{ name: 'c', cellType: 'dropdown', choices: ['a'], allowCustomChoices: true } as unknown as ChoiceJson],
          },
        ],
      }),
    ).toThrow(/allowCustomChoices/);
  });

  it('requires sealed text on the JavaScript path, checks its shape and size, and still requires presence', () => {
    const sealed = sealFreeText(compiled, { story: 'ok words', work: 'other', 'work-Comment': 'x' }, keys.publicKey);
    expect(validateAnswers(compiled, sealed, evaluate, { sealedText: 'required' })).toEqual([]);
    // The pattern cannot be checked on ciphertext: it ran on the device.
    expect(
      validateAnswers(compiled, sealFreeText(compiled, { story: 'DIGITS 123' }, keys.publicKey), evaluate, { sealedText: 'required' }),
    ).toEqual([]);
    expect(validateAnswers(compiled, { story: 'ok words' }, evaluate, { sealedText: 'required' }).map((p) => p.code)).toEqual([
      'NOT_SEALED',
    ]);
    expect(validateAnswers(compiled, { age: 3 }, evaluate, { sealedText: 'required' }).map((p) => p.code)).toEqual(['REQUIRED']);
    expect(validateAnswers(compiled, { story: 'ct1.AAAA' }, evaluate, { sealedText: 'required' }).map((p) => p.code)).toEqual([
      'WRONG_TYPE',
    ]);
    const tooLong = sealText('a'.repeat(700), keys.publicKey);
    expect(validateAnswers(compiled, { story: tooLong }, evaluate, { sealedText: 'required' }).map((p) => p.code)).toEqual(['TOO_LONG']);
    expect(validateAnswers(compiled, { story: 'ok', work: 'other' }, evaluate, { sealedText: 'allowed' }).map((p) => p.code)).toEqual([
      'OTHER_TEXT_MISSING',
    ]);
    // Without the option a sealed text is plain text and meets the rules on plain text.
    expect(validateAnswers(compiled, sealed, evaluate).map((p) => p.code)).toContain('PATTERN_MISMATCH');
  });
});

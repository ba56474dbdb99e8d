import { generateRawKeyPair, openSealedBox, sealBox, unwrapPrivateKey, wrapPrivateKey } from './sealed-box';

const SURVEY = '6f2a1c9e-1d2b-4c3d-9e8f-0a1b2c3d4e5f';

describe('sealed outreach submissions', () => {
  const keys = generateRawKeyPair();
  const plaintext = Buffer.from('{"answers":{"q":"a secret answer"}}');

  it('opens what was sealed to the survey key', () => {
    expect(openSealedBox(sealBox(plaintext, keys.publicKey, SURVEY), keys, SURVEY)?.toString()).toBe(plaintext.toString());
  });

  it('seals the same answers differently every time, and never in clear', () => {
    const first = sealBox(plaintext, keys.publicKey, SURVEY);
    const second = sealBox(plaintext, keys.publicKey, SURVEY);
    expect(first).not.toBe(second);
    expect(Buffer.from(first, 'base64url').includes(Buffer.from('a secret answer'))).toBe(false);
  });

  it('refuses a box for another survey, another key, altered bytes or a non-canonical encoding', () => {
    const sealed = sealBox(plaintext, keys.publicKey, SURVEY);
    expect(openSealedBox(sealed, keys, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(openSealedBox(sealed, generateRawKeyPair(), SURVEY)).toBeNull();
    const bytes = Buffer.from(sealed, 'base64url');
    for (const at of [0, 5, 40, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[at] = (altered[at] as number) ^ 1;
      expect(openSealedBox(altered.toString('base64url'), keys, SURVEY)).toBeNull();
    }
    expect(openSealedBox(`${sealed}=`, keys, SURVEY)).toBeNull();
    expect(openSealedBox('', keys, SURVEY)).toBeNull();
  });

  it('wraps the private key so that only the same secret and survey unwrap it', () => {
    const wrapped = wrapPrivateKey(keys.privateKey, 'a server secret of at least 32 characters', SURVEY);
    expect(unwrapPrivateKey(wrapped, 'a server secret of at least 32 characters', SURVEY)?.equals(keys.privateKey)).toBe(true);
    expect(unwrapPrivateKey(wrapped, 'another server secret, also 32 characters', SURVEY)).toBeNull();
    expect(unwrapPrivateKey(wrapped, 'a server secret of at least 32 characters', '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});

import { passwordProblem } from './password-policy';

describe('staff password policy', () => {
  it.each([
    ['only spaces', ' '.repeat(16)],
    ['spaces around a short word', '     secret     '],
    ['a common password', 'password1234'],
    ['a digit run', '123456789012'],
    ['a keyboard walk', 'qwertyuiopas'],
    ['a repeated letter', 'aaaaaaaaaaaa'],
    ['the account email', 'maria.lopez@swop.example'],
  ])('refuses %s, saying why', (_what, password) => {
    const problem = passwordProblem(password, ['maria.lopez@swop.example', 'Maria Lopez']);
    expect(problem).toEqual(expect.any(String));
    expect(problem?.length).toBeGreaterThan(20);
  });

  it.each(['a long enough test password', 'correct horse battery staple', 'sunflower garden 42 tides'])('accepts %s', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });
});

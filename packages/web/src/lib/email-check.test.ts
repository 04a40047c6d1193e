// emailProblem: the browser refuses what the server's pattern would, in a sentence, before anything is sent.
import { describe, expect, it } from 'vitest';
import { emailProblem, INVALID_EMAIL_MESSAGE, looksLikeEmail } from './email-check';

describe('emailProblem', () => {
  it('accepts what the server accepts, spaces around it included', () => {
    expect(emailProblem(' newhire@example.com ')).toBeUndefined();
    expect(looksLikeEmail('a@b')).toBe(true);
  });

  it('says what is wrong with empty, free text and over-long input', () => {
    expect(emailProblem('  ')).toBe('Enter an email address.');
    for (const text of ['not-an-email', 'two words@example.com', '@example.com', `${'a'.repeat(250)}@example.com`])
      expect(emailProblem(text), text).toBe(INVALID_EMAIL_MESSAGE);
  });
});

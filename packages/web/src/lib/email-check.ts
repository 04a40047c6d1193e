// The browser's own email check before anything is sent: the server's pattern, in the App's words.
import { EMAIL_MAX_LENGTH, EMAIL_PATTERN } from '@teamset/contract/constants';

const EMAIL = new RegExp(EMAIL_PATTERN);

export const INVALID_EMAIL_MESSAGE = 'Enter a valid email address, like name@example.com.';

export function looksLikeEmail(text: string): boolean {
  const value = text.trim();
  return value.length >= 3 && value.length <= EMAIL_MAX_LENGTH && EMAIL.test(value);
}

/** The sentence to show under an email field, or undefined when the address can be sent. */
export function emailProblem(text: string): string | undefined {
  if (!text.trim()) return 'Enter an email address.';
  return looksLikeEmail(text) ? undefined : INVALID_EMAIL_MESSAGE;
}

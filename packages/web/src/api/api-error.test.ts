// errorFromResponse: the server's sentence when there is one, a plain sentence for anything else; never a bare code.
import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse, messageOf, plainMessage } from './api-error';

describe('errorFromResponse', () => {
  it('keeps the message, code and blamed field of an error body', async () => {
    const body = {
      error: {
        code: 'BAD_REQUEST',
        message: 'The current password is not correct',
        requestId: 'r1',
        details: { field: 'currentPassword' },
      },
    };
    const error = await errorFromResponse(
      new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      message: 'The current password is not correct',
      field: 'currentPassword',
    });
  });

  it('names a validation field without its body. prefix', async () => {
    const body = {
      error: {
        code: 'BAD_REQUEST',
        message: 'body.name is required',
        requestId: 'r2',
        details: { field: 'body.name' },
      },
    };
    expect((await errorFromResponse(new Response(JSON.stringify(body), { status: 400 }))).field).toBe('name');
  });

  it('turns a proxy’s HTML error page into a sentence with the status', async () => {
    const error = await errorFromResponse(
      new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(error).toMatchObject({ status: 502, code: 'INTERNAL', message: 'The server answered 502 Bad Gateway' });
  });
});

describe('plainMessage', () => {
  it('never shows a schema path or a pattern: a sentence per field instead', () => {
    const pattern = 'body.email must match pattern "^[^\\s@]+@[^\\s@]+$"';
    expect(plainMessage('BAD_REQUEST', pattern, { field: 'body.email' })).toBe(
      'Enter a valid email address, like name@example.com.',
    );
    expect(plainMessage('BAD_REQUEST', 'body.name is required', { field: 'body.name' })).toBe('Name is required.');
    expect(
      plainMessage('BAD_REQUEST', 'body.description must NOT have more than 1000 characters', {
        field: 'body.description',
      }),
    ).toBe('The description is too long (at most 1000 characters).');
    expect(plainMessage('BAD_REQUEST', 'query.pageSize must be <= 200', { field: 'query.pageSize' })).toBe(
      'That value is not valid.',
    );
  });

  it('keeps the server’s own sentences and words the codes that have none', () => {
    expect(plainMessage('CONFLICT', 'A user with this email already exists', { field: 'email' })).toBe(
      'A user with this email already exists',
    );
    expect(plainMessage('INTERNAL', 'Internal server error', {})).toMatch(/^Something went wrong on the server/);
    expect(
      plainMessage('INVITATION_PENDING', 'x', {
        pending: { id: 'i1', role: 'MEMBER', createdAt: '2026-12-01T10:00:00.000Z', expiresAt: '' },
      }),
    ).toMatch(/^This email already has a pending Member invitation, sent /);
  });
});

describe('messageOf', () => {
  it('is the error’s message, or a plain sentence for anything else', () => {
    expect(messageOf(new ApiError(403, 'FORBIDDEN', 'Only admins can list users'))).toBe('Only admins can list users');
    expect(messageOf('weird')).toBe('Something went wrong');
  });
});

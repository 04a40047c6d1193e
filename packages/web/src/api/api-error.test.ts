// errorFromResponse: the server's sentence when there is one, a plain sentence for anything else; never a bare code.
import { describe, expect, it } from 'vitest';
import { ApiError, errorFromResponse, messageOf } from './api-error';

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

describe('messageOf', () => {
  it('is the error’s message, or a plain sentence for anything else', () => {
    expect(messageOf(new ApiError(403, 'FORBIDDEN', 'Only admins can list users'))).toBe('Only admins can list users');
    expect(messageOf('weird')).toBe('Something went wrong');
  });
});

// Request headers the media and conditional-request code reads, with values a client can get wrong.
import fc from 'fast-check';

const VALUES: Readonly<Record<string, readonly string[]>> = {
  range: [
    'bytes=0-0',
    'bytes=-1',
    'bytes=-0',
    'bytes=999999999999-',
    'bytes=5-1',
    'bytes=0-1,2-3,4-5',
    'bytes=0-1,0-1',
    'items=0-1',
    'bytes=abc',
    'bytes=',
    'bytes=1e3-',
    `bytes=${'0-0,'.repeat(500)}0-0`,
  ],
  'if-range': ['"x"', 'Thu, 01 Jan 1970 00:00:00 GMT', 'garbage'],
  'if-none-match': ['*', '"x"', 'W/"x", "y"', 'garbage', '"'],
  'if-modified-since': ['garbage', 'Thu, 01 Jan 1970 00:00:00 GMT', 'Fri, 31 Dec 9999 23:59:59 GMT', '-1'],
  accept: ['text/html', '*/*', 'image/webp', 'application/xml', ''],
  'accept-encoding': ['gzip', 'br', 'identity;q=0', '*;q=0'],
  'x-forwarded-for': ['1.2.3.4', 'garbage', '::1, 10.0.0.1'],
  cookie: ['teamset_session=garbage', 'teamset_session=', '=;=;=', `x=${'y'.repeat(4000)}`],
  authorization: ['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer tsk_'],
};

/** One to three odd headers, merged over the caller's (so a broken credential header is part of the fuzz). */
export const oddHeaders: fc.Arbitrary<Record<string, string>> = fc
  .uniqueArray(fc.constantFrom(...Object.keys(VALUES)), { minLength: 1, maxLength: 3 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        fc.constantFrom(...(VALUES[name] as readonly string[])).map((value) => [name, value] as const),
      ),
    ),
  )
  .map((pairs) => Object.fromEntries(pairs));

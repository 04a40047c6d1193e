// Tests for the strict option parsers and the one-line error format.
import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { errorLine, exitCodeFor, UsageError } from './cli-errors.js';
import {
  parseDatasetPermission,
  parseDuration,
  parseGrace,
  parseGraphqlMaxDepth,
  parseMediaType,
  parsePort,
  parsePositiveInt,
  parseQueryTimeout,
  parseReaderCount,
  parseRole,
} from './option-parsers.js';

describe('parseDuration', () => {
  it('accepts a whole number with s, m, h or d', () => {
    expect(parseDuration('30s')).toBe(30);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('12h')).toBe(43_200);
    expect(parseDuration('90d')).toBe(7_776_000);
  });

  it.each(['', '30', 's', '1.5h', '10w', '-1d', ' 5m', '5m ', '5 m', '1h30m', '0s', '5M'])('rejects %j', (value) => {
    expect(() => parseDuration(value)).toThrow(InvalidArgumentError);
  });
});

describe('parseGrace', () => {
  it('takes a duration as --expires-in does, or 0 for none', () => {
    expect(parseGrace('0')).toBe(0);
    expect(parseGrace('24h')).toBe(86_400);
    expect(parseGrace('30s')).toBe(30);
    for (const bad of ['0s', '00', '', '1w', '-1h']) expect(() => parseGrace(bad)).toThrow(InvalidArgumentError);
  });
});

describe('other parsers', () => {
  it('parses ports, positive integers and roles strictly', () => {
    expect(parsePort('5151')).toBe(5151);
    expect(() => parsePort('65536')).toThrow(InvalidArgumentError);
    expect(() => parsePort('80a')).toThrow(InvalidArgumentError);
    expect(parsePositiveInt('3')).toBe(3);
    expect(() => parsePositiveInt('0')).toThrow(InvalidArgumentError);
    expect(parseRole('collaborator')).toBe('COLLABORATOR');
    expect(() => parseRole('owner')).toThrow(/ADMIN, MEMBER, COLLABORATOR, GUEST/);
  });

  it('takes a reader thread count from 0 to 64', () => {
    expect(parseReaderCount('0')).toBe(0);
    expect(parseReaderCount('64')).toBe(64);
    for (const value of ['65', '-1', '2.5', 'two', ''])
      expect(() => parseReaderCount(value)).toThrow(InvalidArgumentError);
  });

  it('takes a GraphQL depth limit from 1 to 200', () => {
    expect(parseGraphqlMaxDepth('1')).toBe(1);
    expect(parseGraphqlMaxDepth('200')).toBe(200);
    for (const value of ['0', '201', '12.5', 'ten'])
      expect(() => parseGraphqlMaxDepth(value)).toThrow(InvalidArgumentError);
  });
});

describe('parseDatasetPermission', () => {
  it('accepts any case, and - for _', () => {
    expect(parseDatasetPermission('manage')).toBe('MANAGE');
    expect(parseDatasetPermission('no-access')).toBe('NO_ACCESS');
    expect(parseDatasetPermission('No_Access')).toBe('NO_ACCESS');
  });

  it.each(['', 'OWNER', 'view ', 'noaccess'])('rejects %j', (value) => {
    expect(() => parseDatasetPermission(value)).toThrow(InvalidArgumentError);
  });
});

describe('parseMediaType', () => {
  it('accepts any case', () => {
    expect(parseMediaType('Point-Cloud')).toBe('point-cloud');
    expect(parseMediaType('3d')).toBe('3d');
  });

  it.each(['', 'audio', 'pointcloud'])('rejects %j', (value) => {
    expect(() => parseMediaType(value)).toThrow(InvalidArgumentError);
  });
});

describe('errorLine', () => {
  it('is one line, and carries the request id of a server failure', () => {
    expect(errorLine(new Error('first\n  second'))).toBe('teamset: error: first second');
    const serverError = Object.assign(new Error('boom'), { status: 500, requestId: 'req-9' });
    expect(errorLine(serverError)).toBe('teamset: error: boom (request id req-9)');
  });

  it('maps usage errors to exit 2 and the rest to 1', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(2);
    expect(exitCodeFor(new Error('x'))).toBe(1);
  });
});

describe('parseQueryTimeout', () => {
  it('accepts seconds in (0, 3600] and refuses the rest', () => {
    expect(parseQueryTimeout('30')).toBe(30);
    expect(parseQueryTimeout('0.5')).toBe(0.5);
    for (const bad of ['0', '-1', '3601', 'ten', ''])
      expect(() => parseQueryTimeout(bad)).toThrow(InvalidArgumentError);
  });
});

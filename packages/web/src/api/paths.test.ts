// fillPath: the web client's copy fills and encodes parameters like the contract's.
import { describe, expect, it } from 'vitest';
import { fillPath, PATHS } from './paths';

describe('fillPath', () => {
  it('encodes every parameter', () => {
    expect(fillPath(PATHS.datasetUserPermission, { name: 'my data/set', user: 'a+b@example.com' })).toBe(
      '/api/v1/datasets/my%20data%2Fset/permissions/users/a%2Bb%40example.com',
    );
  });

  it('throws on a missing parameter rather than calling a wrong URL', () => {
    expect(() => fillPath(PATHS.key, {})).toThrow(/keyId/);
  });
});

import { describe, expect, it } from 'vitest';
import { assertResolved, resolveRequestUrl } from '../../../main/core/requests';

describe('a path with no base URL to go under', () => {
  it('names the missing base URL and what to do, for a chosen service', () => {
    const url = resolveRequestUrl('/api/v1/status', undefined);
    expect(() => assertResolved(url, true)).toThrow(
      'This service has no base URL: type a full https:// URL, or add a base URL to the service.',
    );
  });

  it('asks for a service or a full URL when none is chosen', () => {
    expect(() => assertResolved('/v1', false)).toThrow('type a full https:// URL, or choose a service');
  });

  it('lets a full URL and a resolved path through', () => {
    expect(() => assertResolved('https://api.example.com/v1', true)).not.toThrow();
    expect(() => assertResolved(resolveRequestUrl('/v1', 'https://api.example.com'), true)).not.toThrow();
  });
});

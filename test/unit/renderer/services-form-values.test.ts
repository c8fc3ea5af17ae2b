import { describe, expect, it } from 'vitest';
import type { CredentialView } from '../../../preload/contract';
import {
  clientErrors,
  formFieldFor,
  initialValues,
  messageWithoutField,
  toFields,
} from '../../../renderer/src/features/services/form-values';

const view = (over: Partial<CredentialView>): CredentialView => ({
  id: 'cred_1',
  name: 'prod',
  kind: 'api-key',
  createdAt: 0,
  updatedAt: 0,
  expiresAt: null,
  rotation: {},
  tokenExpiresAt: null,
  token: null,
  statuses: [],
  fields: {},
  secretFields: [],
  hasPrevious: false,
  hosts: [],
  approvedOrigins: [],
  ...over,
});

describe('credential form values', () => {
  it('maps the api-key placement to exactly one of header, query or body', () => {
    const values = { ...initialValues('api-key'), value: 'sk_1', placement: 'query', paramName: 'api_key' };
    expect(toFields('api-key', values, false)).toEqual({ value: 'sk_1', query: 'api_key' });
    // Editing clears the other placements so a move from header to query sticks.
    expect(toFields('api-key', { ...values, value: '' }, true)).toEqual({
      query: 'api_key',
      header: '',
      body: '',
      prefix: '',
    });
  });

  it('reads an api-key placement back when editing, secrets blank', () => {
    const v = initialValues('api-key', view({ fields: { query: 'key', prefix: '' }, secretFields: ['value'] }));
    expect(v.placement).toBe('query');
    expect(v.paramName).toBe('key');
    expect(v.value).toBe('');
  });

  it('sends numbers as numbers and checkboxes as booleans', () => {
    const totp = { ...initialValues('totp'), secret: 'JBSWY3DPEHPK3PXP', digits: '8' };
    expect(toFields('totp', totp, false)).toMatchObject({ digits: 8, period: 30, type: 'totp' });
    const aws = { ...initialValues('aws-sigv4'), unsignedPayload: 'true' };
    expect(toFields('aws-sigv4', aws, false).unsignedPayload).toBe(true);
  });

  it('requires required fields, except secrets when editing', () => {
    expect(clientErrors('basic', { username: '', password: '' }, false)).toEqual({
      username: 'Username is required.',
      password: 'Password is required.',
    });
    expect(clientErrors('basic', { username: 'a', password: '' }, true)).toEqual({});
    expect(clientErrors('totp', { secret: 'x', digits: '6.5' }, false).digits).toMatch(/whole number/);
  });

  it('points main errors at the form field and drops the field prefix', () => {
    expect(formFieldFor('api-key', 'header')).toBe('paramName');
    expect(formFieldFor('oauth2', 'issuer')).toBe('issuer');
    expect(messageWithoutField('secret: the secret has a bad character at position 5.', 'secret')).toBe(
      'The secret has a bad character at position 5.',
    );
  });
});

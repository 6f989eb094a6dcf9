// Reusable credential/config field schemas. Each carries a `description` phrased to complete
// "<field> must be ...", which the validator uses for its message (values are never echoed).
import { Type } from 'typebox';
import type { TObject, TProperties } from 'typebox';

/** A token, key or secret: no whitespace (a pasted newline would corrupt the header it goes into). */
export const secretString = () => Type.String({ minLength: 1, maxLength: 8192, pattern: '^\\S+$', description: 'a non-empty string without whitespace' });

export const identifier = () => Type.String({ minLength: 1, maxLength: 512, pattern: '^\\S+$', description: 'a non-empty string without whitespace' });

/** An http(s) base URL; `refineUrl` additionally parses it. */
export const httpUrl = () => Type.String({ minLength: 1, maxLength: 2048, pattern: '^https?://\\S+$', description: 'an http(s) URL' });

export const numericId = () =>
  Type.Union([Type.String({ pattern: '^[0-9]{1,20}$' }), Type.Integer({ minimum: 1 })], {
    description: 'a positive integer or a string of digits',
  });

export const pemPrivateKey = () =>
  Type.String({
    minLength: 1,
    maxLength: 16384,
    pattern: '-----BEGIN [A-Z ]*PRIVATE KEY-----',
    description: 'a PEM-encoded private key',
  });

/** Credentials are closed: an unknown field is rejected so no unclassified secret gets stored. */
export const credentialsObject = <T extends TProperties>(properties: T): TObject<T> => Type.Object(properties, { additionalProperties: false });

/** Config stays open to provider options we do not interpret; the ones we use are typed. */
export const configObject = <T extends TProperties>(properties: T): TObject<T> => Type.Object(properties);

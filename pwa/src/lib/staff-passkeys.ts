/**
 * Staff passkeys always verify the person (PIN, fingerprint, face), whatever the options say:
 * a reception PC is shared, so "someone touched the key" is not enough. The server checks the
 * verification flag too; this only keeps the browser from offering a ceremony without it.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** Sign-in options (`{publicKey: {...}}`) with `userVerification: 'required'`. */
export function requireVerification<T extends { publicKey: unknown }>(options: T): T {
  const publicKey = isObject(options.publicKey) ? options.publicKey : {};
  return { ...options, publicKey: { ...publicKey, userVerification: 'required' } };
}

/** Creation options with `authenticatorSelection.userVerification: 'required'`. */
export function requireVerificationToCreate<T extends { publicKey: unknown }>(options: T): T {
  const publicKey = isObject(options.publicKey) ? options.publicKey : {};
  const selection = isObject(publicKey['authenticatorSelection'])
    ? publicKey['authenticatorSelection']
    : {};
  return {
    ...options,
    publicKey: {
      ...publicKey,
      authenticatorSelection: { ...selection, userVerification: 'required' },
    },
  };
}

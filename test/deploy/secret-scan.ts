// Finds secret VALUES in deployment files and rendered manifests: a database URL with a
// password, an inline keyring, a keyring file's key, a vendor or workspace token, a private key,
// a Kubernetes Secret object. Names of Secrets and `${VARIABLE}` interpolations are not secrets.
const SECRET_PATTERNS: { name: string; re: RegExp }[] = [
  // user:password@ where the password is not a ${…} interpolation
  { name: 'a database URL with a password', re: /postgres(?:ql)?:\/\/[^:@/\s"']+:(?!\$\{)[^@\s"']+@/ },
  { name: 'an inline keyring (SWITCHBOARD_KEYRING)', re: /\b\d+:[A-Za-z0-9+/]{43}=/ },
  { name: 'a keyring file key', re: /"key"\s*:\s*"[A-Za-z0-9+/]{43}="/ },
  { name: 'a Switchboard token', re: /\bsb[a-z]?_[A-Za-z0-9_-]{22,}/ },
  { name: 'a private key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { name: 'a Kubernetes Secret', re: /^kind:\s*Secret\s*$/m },
];

export function secretsIn(text: string): string[] {
  return SECRET_PATTERNS.filter((p) => p.re.test(text)).map((p) => p.name);
}

/** Explains each Linux secret-store backend that does not protect secrets, so the refusal says what to do. */
export function linuxBackendProblem(backend: string): string | null {
  if (backend === 'basic_text' || backend === 'unknown') {
    return (
      'This Linux desktop has no secret store that Caravan can use (no GNOME Keyring or KWallet was found), ' +
      'so the key would be kept in plain text. Caravan will not do that: unlock with your passphrase, ' +
      'or install and unlock a keyring, then try again.'
    );
  }
  return null;
}

/** Bad input from the user (a missing folder, an unknown method): printed as a message, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

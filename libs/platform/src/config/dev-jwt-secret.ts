/**
 * The secret that signs and verifies development tokens when JWT_SECRET is not set. It is public
 * (it is in the repository), so loadConfig accepts it only on the embedded default outside
 * production; `npm run token` signs with it so a newcomer's token works against `npm start`.
 */
export const DEV_JWT_SECRET = 'development-only-secret-do-not-use-in-production-0123456789';

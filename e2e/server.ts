// The lead's harness: the built web app and the API on a fresh test database.
export { startTestServer } from '../server/test/harness.js';

// Prints the current second-factor code of a demo staff account (issue 9), e.g.
//   npm run demo:totp -- 13800000001
// The demo accounts' TOTP secrets are fixed and public (server/src/modules/demo/demo.totp.ts): this
// works for demo data only, never for a real account.
import { DEMO_ACCOUNTS } from '../server/src/modules/demo/demo.service.js';
import { demoTotpSecret } from '../server/src/modules/demo/demo.totp.js';
import { TOTP_PERIOD_SECONDS, totpCode } from '../server/src/modules/accounts/totp.js';
import { roleNeedsMfa } from '@jiuye/shared';

const phone = process.argv[2];
const withFactor = DEMO_ACCOUNTS.filter((a) => roleNeedsMfa(a.role));
const account = withFactor.find((a) => a.phone === phone);
if (!account) {
  console.error('Usage: npm run demo:totp -- <phone>   (demo accounts with a second factor:');
  for (const a of withFactor) console.error(`  ${a.phone}  ${a.displayName}`);
  console.error(')');
  process.exit(2);
}
const now = Date.now();
const left = TOTP_PERIOD_SECONDS - (Math.floor(now / 1000) % TOTP_PERIOD_SECONDS);
console.log(totpCode(demoTotpSecret(account.phone), now));
console.error(
  `${account.displayName}: valid for ${left} more seconds (secret ${demoTotpSecret(account.phone)})`,
);

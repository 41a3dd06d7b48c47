import type { Executor } from '../../db/database.js';
import { encryptField, type Keys } from '../../platform/crypto.js';
import * as repo from './payouts.repository.js';

/**
 * Demo payee accounts for enterprises (in the demo loader's transaction), so that approved demo
 * applications can be batched and exported. The numbers are made up (a 62-prefixed card-like
 * pattern) and sealed like real ones.
 */
export async function seedDemoPayeeAccounts(
  tx: Executor,
  keys: Keys,
  input: { now: Date; updatedBy: string; enterprises: readonly { id: string; name: string }[] },
): Promise<number> {
  let i = 0;
  for (const e of input.enterprises) {
    i++;
    const number = `62220201${String(10_000_000_000 + i * 7_919).slice(-11)}`;
    await repo.upsertPayeeAccount(tx, {
      subjectType: 'enterprise',
      subjectId: e.id,
      accountName: e.name,
      bankName: i % 2 === 0 ? '中国建设银行湛江分行' : '中国工商银行湛江霞山支行',
      accountNumberEnc: encryptField(keys, number),
      accountTail: number.slice(-4),
      updatedBy: input.updatedBy,
      at: input.now,
    });
  }
  return i;
}

import type { Executor } from '../../db/database.js';
import * as repo from './partner-regions.repository.js';

/**
 * Demo partner regions (issue 6): 柳州 450200 and 陇南 621200, the labour-source cities Zhanjiang
 * recruited in during spring 2020, each with its partner officer attached and the demo enterprise's
 * postings targeted at them.
 */
export async function seedDemoPartnerRegions(
  tx: Executor,
  a: {
    now: Date;
    bureauOfficerId: string;
    officers: { liuzhou?: string | undefined; longnan?: string | undefined };
    postingIds: readonly string[];
  },
): Promise<{ regions: string[] }> {
  const regions = [
    {
      regionCode: '450200',
      name: '柳州市',
      officer: a.officers.liuzhou,
      contacts: [{ name: '覃海燕', title: '柳州市人社局劳务协作科', phone: '13977200001' }],
      note: '柳州—湛江劳务协作：网上招聘、点对点输送返岗',
    },
    {
      regionCode: '621200',
      name: '陇南市',
      officer: a.officers.longnan,
      contacts: [{ name: '杨文斌', title: '陇南市人社局劳务输转办', phone: '13993900001' }],
      note: '陇南—湛江东西部劳务协作：专场网络招聘会',
    },
  ];
  const ids: string[] = [];
  for (const r of regions) {
    const id = await repo.insertRegion(tx, {
      regionCode: r.regionCode,
      name: r.name,
      agreementStartsOn: '2020-02-15',
      agreementEndsOn: null,
      contacts: r.contacts,
      note: r.note,
      createdBy: a.bureauOfficerId,
      at: a.now,
    });
    if (r.officer) await repo.attachOfficer(tx, id, r.officer, a.bureauOfficerId, a.now);
    for (const postingId of a.postingIds)
      await repo.insertTargets(tx, postingId, [id], a.bureauOfficerId, a.now);
    ids.push(id);
  }
  return { regions: ids };
}

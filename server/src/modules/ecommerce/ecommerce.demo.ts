import type { Executor } from '../../db/database.js';
import type { Keys } from '../../platform/crypto.js';
import { findOrCreatePerson } from '../persons/index.js';
import * as repo from './ecommerce.repository.js';

const DAY = 86_400_000;

/**
 * Demo rural e-commerce projects (issue 7): pineapples in Xuwen and Suixi, seafood on Techeng
 * Island (霞山区, seen by the district demo officer), each with a few villagers.
 */
export async function seedDemoEcommerce(
  tx: Executor,
  keys: Keys,
  o: { now: Date; createdBy: string },
): Promise<void> {
  const started = (days: number) =>
    new Date(o.now.getTime() - days * DAY + 8 * 3600_000).toISOString().slice(0, 10);
  const projects = [
    {
      name: '徐闻菠萝直播带货',
      regionCode: '440825',
      product: '菠萝',
      organiser: '徐闻县电子商务公共服务中心',
      days: 120,
      people: [
        ['吴亚妹', '13382500001', true, true, 420_000],
        ['陈日升', '13382500002', true, true, 260_000],
        ['林秀兰', '13382500003', true, false, null],
      ],
    },
    {
      name: '遂溪火龙果网店',
      regionCode: '440823',
      product: '火龙果',
      organiser: '遂溪县果蔬专业合作社',
      days: 60,
      people: [
        ['黄亚九', '13382300001', true, true, 180_000],
        ['邓桂英', '13382300002', false, false, null],
      ],
    },
    {
      name: '特呈岛海产品网店',
      regionCode: '440803',
      product: '海产干货',
      organiser: '霞山区特呈岛村民委员会',
      days: 30,
      people: [
        ['梁海生', '13380300001', true, true, 150_000],
        ['吴带娣', '13380300002', true, false, null],
      ],
    },
  ] as const;
  for (const p of projects) {
    const id = await repo.insertProject(tx, {
      name: p.name,
      regionCode: p.regionCode,
      countyCode: p.regionCode.slice(0, 6),
      villageName: null,
      product: p.product,
      organiser: p.organiser,
      organiserPhone: null,
      startsOn: started(p.days),
      description: '',
      createdBy: o.createdBy,
      at: o.now,
    });
    for (const [fullName, phone, trained, selling, income] of p.people) {
      const person = await findOrCreatePerson(tx, keys, { fullName, phone }, o.createdBy);
      await repo.insertParticipant(tx, {
        projectId: id,
        personId: person.id,
        trained,
        selling,
        monthlyIncomeFen: income,
        createdBy: o.createdBy,
        at: o.now,
      });
    }
  }
}

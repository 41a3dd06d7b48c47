import { useState } from 'react';
import { Button, Checkbox, Drawer, Grid, Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { BENEFITS, EMPLOYMENT_TYPES } from '@jiuye/shared';
import { useLabels } from '../../app/labels';
import { useDistricts } from '../reference/api';
import {
  BAND_LOWER_YUAN,
  SALARY_FLOORS_YUAN,
  type Benefit,
  type EmploymentType,
  type SearchFilters,
  type SearchResult,
} from './api';

const POSTED_WITHIN = [3, 7, 30] as const;

/**
 * The filters in a sheet: from the bottom on phones (thumb reach), from the side on wider screens.
 * Choices are collected here and applied together with one tap, so a weak signal carries one
 * search rather than one per tick box.
 */
export function FiltersDrawer({
  open,
  onClose,
  filters,
  facets,
  onApply,
}: {
  open: boolean;
  onClose: () => void;
  filters: SearchFilters;
  facets: SearchResult['facets'] | undefined;
  onApply: (filters: SearchFilters) => void;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  const screens = Grid.useBreakpoint();
  const phone = !(screens.md ?? false);
  const districts = useDistricts();
  const [draft, setDraft] = useState<SearchFilters>(filters);
  const [openedWith, setOpenedWith] = useState<SearchFilters | null>(null);
  // Start from the applied filters each time the sheet opens (state adjusted during render).
  if (open && openedWith !== filters) {
    setOpenedWith(filters);
    setDraft(filters);
  }
  if (!open && openedWith !== null) setOpenedWith(null);

  const districtCount = new Map((facets?.district ?? []).map((f) => [f.value, f.count]));
  const districtOptions = [
    { value: '', label: t('search.filters.anyDistrict') },
    ...(districts.data ?? []).map((d) => {
      const count = districtCount.get(d.code);
      return { value: d.code, label: count === undefined ? d.name : `${d.name}（${count}）` };
    }),
  ];
  // A facet's districts outside Zhanjiang (a posting elsewhere in the province) are listed too.
  for (const f of facets?.district ?? []) {
    if (!districtOptions.some((o) => o.value === f.value)) {
      districtOptions.push({ value: f.value, label: `${f.label}（${f.count}）` });
    }
  }

  const groupOptions = [
    { value: '', label: t('search.filters.anyOccupation') },
    ...(facets?.occupationGroup ?? []).map((f) => ({ value: f.value, label: `${f.label}（${f.count}）` })),
  ];
  if (draft.occupationCode && !groupOptions.some((o) => o.value === draft.occupationCode)) {
    groupOptions.push({ value: draft.occupationCode, label: draft.occupationCode });
  }

  const bandCount = (floorYuan: number) =>
    (facets?.salaryBand ?? [])
      .filter((b) => (BAND_LOWER_YUAN[b.value] ?? -1) >= floorYuan)
      .reduce((sum, b) => sum + b.count, 0);

  const set = (patch: Partial<SearchFilters>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement={phone ? 'bottom' : 'right'}
      size={phone ? '85%' : 400}
      title={t('search.filters.title')}
      footer={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button onClick={() => setDraft({ q: filters.q, sort: filters.sort })}>
            {t('search.filters.reset')}
          </Button>
          <Button type="primary" onClick={() => onApply(draft)}>
            {t('search.filters.apply')}
          </Button>
        </Space>
      }
    >
      <div className="filter-form">
        <label className="filter-form__label" htmlFor="filter-district">
          {t('search.filters.district')}
        </label>
        <Select<string>
          id="filter-district"
          value={draft.districtCode ?? ''}
          onChange={(v) => set({ districtCode: v || undefined })}
          options={districtOptions}
          style={{ width: '100%' }}
        />

        <label className="filter-form__label" htmlFor="filter-occupation">
          {t('search.filters.occupation')}
        </label>
        <Select<string>
          id="filter-occupation"
          value={draft.occupationCode ?? ''}
          onChange={(v) => set({ occupationCode: v || undefined })}
          options={groupOptions}
          style={{ width: '100%' }}
        />

        <fieldset className="filter-form__group">
          <legend className="filter-form__label">{t('search.filters.salary')}</legend>
          <Radio.Group
            value={draft.salaryMinFen ?? 0}
            onChange={(e) => set({ salaryMinFen: (e.target.value as number) || undefined })}
            className="filter-form__options"
          >
            <Radio value={0}>{t('search.filters.any')}</Radio>
            {SALARY_FLOORS_YUAN.map((yuan) => (
              <Radio key={yuan} value={yuan * 100}>
                {t('search.filters.salaryAtLeast', { amount: yuan.toLocaleString() })}
                {facets && <span className="facet-count">（{bandCount(yuan)}）</span>}
              </Radio>
            ))}
          </Radio.Group>
        </fieldset>

        <fieldset className="filter-form__group">
          <legend className="filter-form__label">{t('search.filters.employmentType')}</legend>
          <Radio.Group
            value={draft.employmentType ?? ''}
            onChange={(e) => set({ employmentType: (e.target.value as EmploymentType | '') || undefined })}
            className="filter-form__options"
          >
            <Radio value="">{t('search.filters.any')}</Radio>
            {EMPLOYMENT_TYPES.map((type) => (
              <Radio key={type} value={type}>
                {labels.employmentType(type)}
              </Radio>
            ))}
          </Radio.Group>
        </fieldset>

        <fieldset className="filter-form__group">
          <legend className="filter-form__label">{t('search.filters.benefits')}</legend>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('search.filters.benefitsHelp')}
          </Typography.Paragraph>
          <Checkbox.Group<Benefit>
            value={draft.benefits ?? []}
            onChange={(v) => set({ benefits: v.length > 0 ? v : undefined })}
            className="filter-form__options"
            options={BENEFITS.map((b) => ({ value: b, label: labels.benefit(b) }))}
          />
        </fieldset>

        <label className="filter-form__label" htmlFor="filter-posted">
          {t('search.filters.postedWithin')}
        </label>
        <Select<number>
          id="filter-posted"
          value={draft.postedWithin ?? 0}
          onChange={(v) => set({ postedWithin: v || undefined })}
          options={[
            { value: 0, label: t('search.filters.any') },
            ...POSTED_WITHIN.map((days) => ({ value: days, label: t('search.filters.days', { days }) })),
          ]}
          style={{ width: '100%' }}
        />
      </div>
    </Drawer>
  );
}

import { useState } from 'react';
import { Button, Checkbox, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CITY_CODE, regionPathLabel, useDistricts, useRegionAncestors } from './api';
import { RegionSelect } from './region-select';

function inZhanjiang(code: string): boolean {
  return code === CITY_CODE || (code.startsWith('4408') && code !== CITY_CODE);
}

/**
 * Where a seeker would work: Zhanjiang's districts as tick boxes (or the whole city), plus any
 * other region of China (a worker from Liuzhou may want to stay near home).
 */
export function DesiredRegions({
  id,
  value = [],
  onChange,
  withZhanjiang = true,
}: {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  /** false: only the "other regions" list (a posting's recruiting regions). */
  withZhanjiang?: boolean;
}) {
  const { t } = useTranslation();
  const districts = useDistricts();
  const [adding, setAdding] = useState<string | undefined>(undefined);
  const local = withZhanjiang ? value.filter(inZhanjiang) : [];
  const other = withZhanjiang ? value.filter((c) => !inZhanjiang(c)) : value;
  const names = useRegionAncestors(other);

  const setLocal = (codes: string[]) => onChange?.([...codes, ...other]);
  return (
    <div id={id} className="desired-regions">
      {withZhanjiang && (
        <Checkbox.Group<string>
          className="checkbox-grid"
          aria-label={t('reference.zhanjiangDistricts')}
          value={local}
          onChange={setLocal}
          options={[
            { value: CITY_CODE, label: t('reference.wholeZhanjiang') },
            ...(districts.data ?? []).map((d) => ({ value: d.code, label: d.name })),
          ]}
        />
      )}
      {withZhanjiang && (
        <Typography.Paragraph style={{ margin: '12px 0 4px' }}>
          {t('reference.otherRegions')}
        </Typography.Paragraph>
      )}
      {other.length > 0 && (
        <ul className="filter-chips" aria-label={t('reference.otherRegions')}>
          {other.map((code) => (
            <li key={code}>
              <Button
                size="small"
                onClick={() => onChange?.(value.filter((c) => c !== code))}
                aria-label={t('reference.removeRegion', { name: regionPathLabel(code, names) })}
              >
                {regionPathLabel(code, names)} <span aria-hidden>×</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Space wrap align="start">
        <RegionSelect labelPrefix={t('reference.otherRegions')} value={adding} onChange={setAdding} />
        <Button
          icon={<PlusOutlined aria-hidden />}
          disabled={!adding || value.includes(adding)}
          onClick={() => {
            if (adding && !value.includes(adding)) onChange?.([...value, adding]);
            setAdding(undefined);
          }}
        >
          {t('reference.addRegion')}
        </Button>
      </Space>
    </div>
  );
}

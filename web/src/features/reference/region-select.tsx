import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRegions } from './api';

/**
 * Any GB/T 2260 region: province, then (optionally) city, then (optionally) county. The value is
 * the most specific level chosen, so "all of Liuzhou" (450200) is as easy as one county.
 */
export function RegionSelect({
  id,
  value,
  onChange,
  labelPrefix,
}: {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** Prepended to each box's accessible name ("当前所在地 省份"). */
  labelPrefix: string;
}) {
  const { t } = useTranslation();
  const code = value ?? '';
  const province = code ? `${code.slice(0, 2)}0000` : undefined;
  const city = code && !code.endsWith('0000') ? `${code.slice(0, 4)}00` : undefined;
  const county = code && !code.endsWith('00') ? code : undefined;
  const provinces = useRegions('');
  const cities = useRegions(province ?? '', Boolean(province));
  const counties = useRegions(city ?? '', Boolean(city));

  const opts = (list: { code: string; name: string }[] | undefined) =>
    (list ?? []).map((r) => ({ value: r.code, label: r.name }));

  return (
    <Space wrap size={8} style={{ width: '100%' }}>
      <Select<string>
        id={id}
        aria-label={`${labelPrefix} ${t('reference.province')}`}
        placeholder={t('reference.province')}
        value={province}
        onChange={(v) => onChange?.(v)}
        onClear={() => onChange?.(undefined)}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        loading={provinces.isPending}
        options={opts(provinces.data)}
        style={{ minWidth: 150 }}
      />
      {province && (
        <Select<string>
          aria-label={`${labelPrefix} ${t('reference.city')}`}
          placeholder={t('reference.wholeProvince')}
          value={city}
          onChange={(v) => onChange?.(v ?? province)}
          onClear={() => onChange?.(province)}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={cities.isPending}
          options={opts(cities.data)}
          style={{ minWidth: 150 }}
        />
      )}
      {city && (counties.data?.length ?? 0) > 0 && (
        <Select<string>
          aria-label={`${labelPrefix} ${t('reference.county')}`}
          placeholder={t('reference.wholeCity')}
          value={county}
          onChange={(v) => onChange?.(v ?? city)}
          onClear={() => onChange?.(city)}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={counties.isPending}
          options={opts(counties.data)}
          style={{ minWidth: 150 }}
        />
      )}
    </Space>
  );
}

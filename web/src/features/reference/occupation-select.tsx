import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../app/use-debounced';
import { useLocale } from '../../i18n';
import { occupationName, useOccupationsByCode, useOccupationSearch } from './api';

type Props = {
  id?: string;
  'aria-describedby'?: string;
  placeholder?: string;
} & (
  | { mode: 'multiple'; value?: string[]; onChange?: (value: string[]) => void }
  | { mode?: undefined; value?: string; onChange?: (value: string | undefined) => void }
);

/**
 * GB/T 6565 occupations, searched as the user types (names, synonyms such as 电焊工, or the code),
 * from /api/v1/reference/occupations. Selected codes keep their names while other results load.
 */
export function OccupationSelect(props: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 250);
  const found = useOccupationSearch(q);
  const selectedCodes = props.mode === 'multiple' ? (props.value ?? []) : props.value ? [props.value] : [];
  const selected = useOccupationsByCode(selectedCodes);

  const options = new Map<string, string>();
  for (const code of selectedCodes) {
    const o = selected.get(code);
    options.set(code, o ? `${occupationName(o, locale)}（${code}）` : code);
  }
  for (const o of found.data ?? []) options.set(o.code, `${occupationName(o, locale)}（${o.code}）`);

  const common = {
    id: props.id,
    'aria-describedby': props['aria-describedby'],
    showSearch: { filterOption: false, onSearch: setSearch, searchValue: search },
    placeholder: props.placeholder ?? t('reference.occupationPlaceholder'),
    loading: found.isFetching,
    notFoundContent: q ? t('reference.noOccupation') : t('reference.typeToSearch'),
    options: [...options].map(([value, label]) => ({ value, label })),
    allowClear: true,
    style: { width: '100%' },
  };
  if (props.mode === 'multiple') {
    const { onChange } = props;
    return (
      <Select<string[]>
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(v) => {
          setSearch('');
          onChange?.(v);
        }}
      />
    );
  }
  const { onChange } = props;
  return (
    <Select<string>
      {...common}
      value={props.value}
      onChange={(v) => {
        setSearch('');
        onChange?.(v);
      }}
    />
  );
}

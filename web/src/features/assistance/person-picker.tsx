import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../app/use-debounced';
import { assistanceKeys, listPersons } from './api';
import { useAssistanceLabels } from './labels';

/**
 * A person of the officer's registry, found by name, phone or the last digits of the identity
 * number as the officer types; options show masked identifiers only.
 */
export function PersonPicker({
  id,
  value,
  onChange,
  'aria-describedby': describedBy,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  'aria-describedby'?: string;
}) {
  const { t } = useTranslation();
  const labels = useAssistanceLabels();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const query = { q, page: 1, pageSize: 20 };
  const found = useQuery({
    queryKey: assistanceKeys.persons(query),
    queryFn: () => listPersons(query),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const options = (found.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.fullName} · ${p.idNumberMasked ?? p.phoneMasked} · ${p.keyGroups.map((g) => labels.named(g)).join('、') || labels.employmentStatus(p.employmentStatus)}`,
  }));
  return (
    <Select<string>
      id={id}
      aria-describedby={describedBy}
      value={value}
      onChange={(v, option) => {
        const o = Array.isArray(option) ? option[0] : option;
        setChosen(o && typeof o.label === 'string' ? { value: v, label: o.label } : null);
        setSearch('');
        onChange?.(v);
      }}
      onClear={() => onChange?.(undefined)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      loading={found.isFetching}
      notFoundContent={q ? t('assistance.picker.noPerson') : t('assistance.picker.typeToSearch')}
      placeholder={t('assistance.picker.placeholder')}
      options={
        chosen && chosen.value === value && !options.some((o) => o.value === value)
          ? [chosen, ...options]
          : options
      }
      style={{ width: '100%' }}
    />
  );
}

import { useRef, useState, type FormEvent } from 'react';
import { Alert, App, AutoComplete, Button, Input, Select, Typography } from 'antd';
import { FilterOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SEARCH_SORTS } from '@jiuye/shared';
import { ProblemAlert } from '../../app/form-errors';
import { useLabels } from '../../app/labels';
import { usePageTitle } from '../../app/page-title';
import { useDebouncedValue } from '../../app/use-debounced';
import { createSavedSearch } from '../alerts/api';
import { useDistrictNames } from '../reference/api';
import { searchKeys, searchPostings, suggest, type SearchFilters, type SearchSort } from './api';
import { activeFilterCount, filtersFromParams, paramsFromFilters } from './filters';
import { FiltersDrawer } from './filters-drawer';
import { JobCard } from './job-card';

export function JobSearchPage() {
  const { t } = useTranslation();
  usePageTitle(t('search.title'));
  const labels = useLabels();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const [text, setText] = useState(filters.q ?? '');
  const [shownQ, setShownQ] = useState(filters.q);
  // Back/forward changes the words in the URL: the box follows (state adjusted during render).
  if (shownQ !== filters.q) {
    setShownQ(filters.q);
    setText(filters.q ?? '');
  }
  const selectedAt = useRef(0);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const typed = useDebouncedValue(text.trim(), 250);
  const [districtName] = useDistrictNames(filters.districtCode ? [filters.districtCode] : []);

  const apply = (next: SearchFilters) => setParams(paramsFromFilters(next), { replace: false });

  const suggestions = useQuery({
    queryKey: searchKeys.suggest(typed),
    queryFn: ({ signal }) => suggest(typed, signal),
    enabled: typed.length > 0 && typed !== filters.q,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });

  const results = useInfiniteQuery({
    queryKey: searchKeys.results(filters),
    queryFn: ({ pageParam, signal }) => searchPostings(filters, pageParam, signal),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    // A new search keeps the old results on screen until the new ones arrive: on a weak signal
    // the page never goes blank.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

  const save = useMutation({
    mutationFn: () =>
      createSavedSearch({
        query: {
          q: filters.q,
          districtCode: filters.districtCode,
          occupationCode: filters.occupationCode,
          salaryMinFen: filters.salaryMinFen,
          employmentType: filters.employmentType,
          benefits: filters.benefits,
        },
      }),
    onSuccess: () => void message.success(t('search.saved')),
  });

  const first = results.data?.pages[0];
  const hits = results.data?.pages.flatMap((p) => p.items) ?? [];
  const filterCount = activeFilterCount(filters);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // Enter on a highlighted suggestion both selects it and submits the form: the selection wins.
    if (Date.now() - selectedAt.current < 500) return;
    apply({ ...filters, q: text.trim() || undefined });
  };
  const savable = filterCount > 0 || Boolean(filters.q);

  const chips: { key: string; label: string; remove: SearchFilters }[] = [];
  if (filters.districtCode) {
    chips.push({
      key: 'district',
      label: districtName ?? filters.districtCode,
      remove: { ...filters, districtCode: undefined },
    });
  }
  if (filters.occupationCode) {
    const group = first?.facets.occupationGroup.find((g) => g.value === filters.occupationCode);
    chips.push({
      key: 'occupation',
      label: group?.label ?? filters.occupationCode,
      remove: { ...filters, occupationCode: undefined },
    });
  }
  if (filters.salaryMinFen) {
    chips.push({
      key: 'salary',
      label: t('search.filters.salaryAtLeast', { amount: (filters.salaryMinFen / 100).toLocaleString() }),
      remove: { ...filters, salaryMinFen: undefined },
    });
  }
  if (filters.employmentType) {
    chips.push({
      key: 'type',
      label: labels.employmentType(filters.employmentType),
      remove: { ...filters, employmentType: undefined },
    });
  }
  for (const b of filters.benefits ?? []) {
    const rest = (filters.benefits ?? []).filter((x) => x !== b);
    chips.push({
      key: `benefit-${b}`,
      label: labels.benefit(b),
      remove: { ...filters, benefits: rest.length > 0 ? rest : undefined },
    });
  }
  if (filters.postedWithin) {
    chips.push({
      key: 'posted',
      label: t('search.filters.days', { days: filters.postedWithin }),
      remove: { ...filters, postedWithin: undefined },
    });
  }

  let status: string;
  if (results.isPending) status = t('search.searching');
  else if (!first) status = '';
  else if (first.totalCapped) status = t('search.totalCapped', { total: first.total.toLocaleString() });
  else status = t('search.total', { total: first.total });

  return (
    <div className="page page--search">
      <Typography.Title level={1}>{t('search.title')}</Typography.Title>
      <form role="search" className="search-form" onSubmit={onSubmit}>
        <label htmlFor="job-search-input" className="sr-only">
          {t('search.inputLabel')}
        </label>
        <AutoComplete
          className="search-form__input"
          value={text}
          options={(typed === text.trim() ? (suggestions.data ?? []) : []).map((s) => ({
            value: s.text,
            label: (
              <span>
                {s.text}
                <span className="suggest-kind"> · {t(`search.suggestKind.${s.kind}`)}</span>
              </span>
            ),
          }))}
          onChange={(v: string) => setText(v)}
          onSelect={(v: string) => {
            selectedAt.current = Date.now();
            setText(v);
            apply({ ...filters, q: v.trim() || undefined });
          }}
        >
          <Input
            id="job-search-input"
            type="search"
            enterKeyHint="search"
            placeholder={t('search.placeholder')}
          />
        </AutoComplete>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
          {t('common.search')}
        </Button>
      </form>

      <div className="search-toolbar">
        <Button
          icon={<FilterOutlined aria-hidden />}
          onClick={() => setFiltersOpen(true)}
          aria-haspopup="dialog"
        >
          {filterCount > 0 ? t('search.filters.openCount', { count: filterCount }) : t('search.filters.open')}
        </Button>
        <Select<SearchSort>
          aria-label={t('search.sortLabel')}
          value={filters.sort ?? 'relevance'}
          onChange={(sort) => apply({ ...filters, sort: sort === 'relevance' ? undefined : sort })}
          options={SEARCH_SORTS.map((s) => ({ value: s, label: t(`search.sort.${s}`) }))}
          style={{ minWidth: 120 }}
        />
        {savable && (
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={save.isSuccess}>
            {save.isSuccess ? t('search.savedShort') : t('search.save')}
          </Button>
        )}
      </div>

      {chips.length > 0 && (
        <ul className="filter-chips" aria-label={t('search.filters.active')}>
          {chips.map((chip) => (
            <li key={chip.key}>
              <Button
                size="small"
                onClick={() => apply(chip.remove)}
                aria-label={t('search.filters.remove', { name: chip.label })}
              >
                {chip.label} <span aria-hidden>×</span>
              </Button>
            </li>
          ))}
          <li>
            <Button size="small" type="link" onClick={() => apply({ q: filters.q, sort: filters.sort })}>
              {t('search.filters.clearAll')}
            </Button>
          </li>
        </ul>
      )}

      <ProblemAlert error={save.error} />
      <p className="search-status" role="status" aria-live="polite">
        {status}
        {results.isPlaceholderData && <span> · {t('search.updating')}</span>}
      </p>

      {first?.fuzzy && <Alert type="info" showIcon title={t('search.fuzzy')} style={{ marginBottom: 12 }} />}

      {results.isError && hits.length === 0 && (
        <div className="load-error">
          <ProblemAlert error={results.error} />
          <Button onClick={() => void results.refetch()}>{t('common.retry')}</Button>
        </div>
      )}

      {first && hits.length === 0 && !results.isError && (
        <Alert type="info" showIcon title={t('search.empty')} description={t('search.emptyHelp')} />
      )}

      {hits.length > 0 && (
        <ul className="job-list" aria-busy={results.isFetching}>
          {hits.map((hit) => (
            <li key={hit.id}>
              <JobCard job={hit} />
            </li>
          ))}
        </ul>
      )}

      {results.isFetchNextPageError && (
        <div className="load-error">
          <ProblemAlert error={results.error} />
        </div>
      )}
      {results.hasNextPage && (
        <div className="load-more">
          <Button
            size="large"
            block
            loading={results.isFetchingNextPage}
            onClick={() => void results.fetchNextPage()}
          >
            {results.isFetchNextPageError ? t('search.retryMore') : t('search.loadMore')}
          </Button>
        </div>
      )}
      {first && hits.length > 0 && !results.hasNextPage && <p className="search-end">{t('search.end')}</p>}

      <FiltersDrawer
        open={filtersOpen}
        onClose={() => setFiltersOpen(false)}
        filters={filters}
        facets={first?.facets}
        onApply={(next) => {
          setFiltersOpen(false);
          apply(next);
        }}
      />
    </div>
  );
}

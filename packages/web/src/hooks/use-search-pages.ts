// useSearchPages: a server-side list searched as you type (debounced) and read a page at a time, for a DataTable.
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type DependencyList } from 'react';
import type { DataTablePager } from '../components/data-table';
import { useApi, type ApiState } from './use-api';

export interface PageQuery {
  search: string;
  page: number;
  pageSize: number;
}

export interface SearchPages<T> {
  list: ApiState<T>;
  /** The search as last sent (trimmed, after the pause). */
  query: string;
  search: { value: string; onChange: (value: string) => void };
  pager: DataTablePager;
}

/** `deps`: what else `load` reads (a sort order…); a change loads again, from the first page. */
export function useSearchPages<T extends { total: number }>(
  load: (query: PageQuery) => Promise<T>,
  pageSize: number,
  deps: DependencyList = [],
): SearchPages<T> {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const [page, setPage] = useState(1);
  const depsKey = JSON.stringify(deps);
  const [lastDepsKey, setLastDepsKey] = useState(depsKey);
  if (lastDepsKey !== depsKey) {
    // Adjusting state during render (React's documented pattern): the new order starts at page 1.
    setLastDepsKey(depsKey);
    setPage(1);
  }
  const list = useApi(() => load({ search: query, page, pageSize }), [query, page, depsKey]);
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / pageSize)) : 1;
  const onChange = (value: string) => {
    setSearch(value);
    setPage(1);
  };
  return { list, query, search: { value: search, onChange }, pager: { page, pages, onChange: setPage } };
}

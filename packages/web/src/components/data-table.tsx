// One table for every list in the app: optional search box and count, loading / error / empty states, rows, and a pager.
import {
  Center,
  Group,
  Loader,
  Pagination,
  Table,
  Text,
  TextInput,
  UnstyledButton,
  VisuallyHidden,
  type TableTdProps,
} from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSearch, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { LoadError } from './load-error';

export interface DataColumn<T> {
  header: string;
  /** For a column of row actions: the header is read out but not shown. */
  hideHeader?: boolean;
  cell: (row: T) => ReactNode;
  cellProps?: TableTdProps;
  /** Makes the header a button that sorts the list by this key (see DataTableProps.sort). */
  sortKey?: string;
}

/** The list's order: the header of the column with `key` shows it, and a click asks for the other direction. */
export interface DataTableSort {
  key: string;
  order: 'asc' | 'desc';
  onChange: (key: string, order: 'asc' | 'desc') => void;
}

export interface DataTableSearch {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}

export interface DataTablePager {
  page: number;
  pages: number;
  onChange: (page: number) => void;
}

export interface DataTableProps<T> {
  /** The table's accessible name. */
  label: string;
  columns: readonly DataColumn<T>[];
  /** undefined while the first load runs. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  loadingLabel?: string;
  error?: unknown;
  errorTitle?: string;
  onRetry?: () => void;
  /** What an empty list says: a sentence (shown dimmed) or a node of its own. */
  empty: ReactNode;
  /** A centred, roomier empty sentence, for a page's main list. */
  emptyCentered?: boolean;
  search?: DataTableSearch;
  /** The number of items over all pages and the noun to count them with, e.g. ['user', 'users']. */
  count?: { total: number; noun: readonly [string, string] };
  pager?: DataTablePager;
  sort?: DataTableSort;
  /** Scrolls sideways below this width; without it the table takes its container's width. */
  minWidth?: number;
  verticalSpacing?: 'xs' | 'sm';
  highlightOnHover?: boolean;
  striped?: boolean;
  withHeader?: boolean;
  mb?: 'md';
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { search, count } = props;
  return (
    <>
      {search || count ? (
        <Group justify="space-between" mb="md">
          {search ? (
            <TextInput
              label={search.label}
              placeholder={search.placeholder}
              leftSection={<IconSearch size={16} />}
              value={search.value}
              onChange={(e) => search.onChange(e.currentTarget.value)}
              w={320}
            />
          ) : null}
          {count && props.rows ? (
            <Text size="sm" c="dimmed" aria-live="polite">
              {count.total} {count.total === 1 ? count.noun[0] : count.noun[1]}
            </Text>
          ) : null}
        </Group>
      ) : null}
      <DataTableBody {...props} />
      {props.pager ? <Pager pager={props.pager} /> : null}
    </>
  );
}

/** The page numbers under a list (nothing when it fits on one page); the datasets home's cards use it too. */
export function Pager({ pager }: { pager: DataTablePager }) {
  if (pager.pages <= 1) return null;
  return (
    <Group justify="center" mt="md">
      <Pagination
        total={pager.pages}
        value={pager.page}
        onChange={pager.onChange}
        getControlProps={(control) => ({ 'aria-label': `${control} page` })}
      />
    </Group>
  );
}

function DataTableBody<T>({
  label,
  columns,
  rows,
  rowKey,
  loadingLabel,
  error,
  errorTitle,
  onRetry,
  empty,
  emptyCentered = false,
  minWidth,
  verticalSpacing = 'xs',
  highlightOnHover = false,
  striped = false,
  withHeader = true,
  mb,
  sort,
}: DataTableProps<T>) {
  if (error)
    return <LoadError error={error} {...(onRetry ? { onRetry } : {})} {...(errorTitle ? { title: errorTitle } : {})} />;
  if (!rows) {
    return (
      <Center p="lg">
        <Loader size="sm" aria-label={loadingLabel ?? `Loading ${label.toLowerCase()}`} />
      </Center>
    );
  }
  if (rows.length === 0) {
    if (typeof empty !== 'string') return empty;
    return emptyCentered ? (
      <Text c="dimmed" ta="center" py="lg">
        {empty}
      </Text>
    ) : (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  const table = (
    <Table
      verticalSpacing={verticalSpacing}
      highlightOnHover={highlightOnHover}
      striped={striped}
      aria-label={label}
      {...(mb ? { mb } : {})}
    >
      {withHeader ? (
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <HeaderCell key={column.header} column={column} sort={sort} />
            ))}
          </Table.Tr>
        </Table.Thead>
      ) : null}
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={rowKey(row)}>
            {columns.map((column) => (
              <Table.Td key={column.header} {...column.cellProps}>
                {column.cell(row)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return minWidth ? <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer> : table;
}

function HeaderCell<T>({ column, sort }: { column: DataColumn<T>; sort: DataTableSort | undefined }) {
  if (!sort || column.sortKey === undefined)
    return <Table.Th>{column.hideHeader ? <VisuallyHidden>{column.header}</VisuallyHidden> : column.header}</Table.Th>;
  const key = column.sortKey;
  const active = sort.key === key;
  const Icon = !active ? IconSelector : sort.order === 'asc' ? IconChevronUp : IconChevronDown;
  return (
    <Table.Th aria-sort={active ? (sort.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton
        onClick={() => sort.onChange(key, active && sort.order === 'asc' ? 'desc' : 'asc')}
        fw={700}
        fz="sm"
        aria-label={`Sort by ${column.header.toLowerCase()}`}
      >
        <Group gap={4} wrap="nowrap">
          {column.header}
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

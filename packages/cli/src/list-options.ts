// The options every paged `list` command takes (--search, --page, --page-size), declared and read in one place.
import type { Command } from 'commander';
import { parsePositiveInt } from './option-parsers.js';

export interface ListOptions {
  search?: string;
  page?: number;
  pageSize?: number;
}

/** Adds the paging options to a `list` command; `search` says what the text is matched against. */
export function withListOptions<C extends Command>(command: C, text: { search: string; pageSize: string }): C {
  return command
    .option('--search <text>', text.search)
    .option('--page <n>', 'page number, from 1', parsePositiveInt)
    .option('--page-size <n>', text.pageSize, parsePositiveInt);
}

/** The query a backend's list call takes, from the parsed options. */
export function listQuery(options: ListOptions): ListOptions {
  return { search: options.search, page: options.page, pageSize: options.pageSize };
}

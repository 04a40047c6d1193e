// The samples' layout (grid or table), kept across visits in this browser.

export type Layout = 'grid' | 'table';
export const LAYOUT_STORAGE_KEY = 'teamset.samples-view';

export function storedLayout(): Layout {
  try {
    return window.localStorage.getItem(LAYOUT_STORAGE_KEY) === 'table' ? 'table' : 'grid';
  } catch {
    return 'grid';
  }
}

// usePageTitle: the browser tab's title for the page on screen, most specific part first ("birds · Datasets · Teamset").
import { useEffect } from 'react';

const PRODUCT = 'Teamset';

/** Parts that are undefined (still loading) are left out. */
export function usePageTitle(...parts: Array<string | undefined>): void {
  const title = [...parts.filter((part): part is string => Boolean(part)), PRODUCT].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}

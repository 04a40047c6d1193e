// A chart's loading, error and empty states around it; the previous view's chart stays while a filter change loads (no flicker).
import { Center, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { LoadError } from '../../../../components/load-error';
import type { ApiState } from '../../../../hooks/use-api';

export function ChartState({
  state,
  ready,
  empty,
  children,
}: {
  state: ApiState<unknown>;
  /** There is an answer for what the chart shows now (the previous view's stays up while a filter change loads). */
  ready: boolean;
  empty: boolean;
  children: ReactNode;
}) {
  if (state.error) return <LoadError error={state.error} onRetry={state.reload} title="Could not load the chart" />;
  if (!ready)
    return (
      <Center h={160}>
        <Loader size="sm" aria-label="Loading the chart" />
      </Center>
    );
  if (empty)
    return (
      <Text size="sm" c="gray.7" py="md">
        No values in this view.
      </Text>
    );
  return <div aria-busy={state.loading}>{children}</div>;
}

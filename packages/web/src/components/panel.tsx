// A bordered panel of a page: its heading, an optional dimmed line under it, and its content.
import { Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface PanelProps {
  title: string;
  description?: ReactNode;
  /** Makes the panel a section named by its heading (the id must be unique on the page). */
  titleId?: string;
  children: ReactNode;
}

export function Panel({ title, description, titleId, children }: PanelProps) {
  return (
    <Paper withBorder p="lg" {...(titleId ? { component: 'section', 'aria-labelledby': titleId } : {})}>
      <Title order={3} size="h4" mb={description ? 'xs' : 'md'} {...(titleId ? { id: titleId } : {})}>
        {title}
      </Title>
      {description ? (
        <Text size="sm" c="dimmed" mb="md">
          {description}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}

// The attributes of the label under the pointer (or the picked one): label, confidence, id, tags and its custom attributes.
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { LabelShape } from '../../../../lib/label-shapes';
import { formatValue } from './field-values';

const KIND_NAMES: Record<LabelShape['kind'], string> = { box: 'Detection', points: 'Keypoint', polyline: 'Polyline' };

export function LabelCard({ shape, children }: { shape: LabelShape | undefined; children?: ReactNode }) {
  return (
    <Paper withBorder p="sm" role="region" aria-label="Label details" data-label-card>
      {shape ? (
        <Stack gap={4}>
          <Group gap={6} justify="space-between" wrap="nowrap">
            <Text fw={600} style={{ color: shape.color }}>
              {shape.label || 'unlabelled'}
            </Text>
            <Text size="xs" c="gray.7">
              {KIND_NAMES[shape.kind]} in {shape.field}
            </Text>
          </Group>
          <Attributes
            rows={[
              ['confidence', shape.confidence !== undefined ? formatValue(shape.confidence) : '—'],
              ['id', shape.id ?? '—'],
              ...Object.entries(shape.attributes).map(([k, v]): [string, string] => [k, formatValue(v)]),
            ]}
          />
          {shape.tags.length > 0 ? (
            <Group gap={4} role="group" aria-label="Label tags">
              {shape.tags.map((tag) => (
                <Badge key={tag} size="xs" variant="light" tt="none">
                  {tag}
                </Badge>
              ))}
            </Group>
          ) : null}
          {children}
        </Stack>
      ) : (
        <Text size="sm" c="gray.7">
          Point at a label to see its attributes; click it to pick it.
        </Text>
      )}
    </Paper>
  );
}

/** Name / value rows as a description list. */
export function Attributes({ rows }: { rows: ReadonlyArray<readonly [string, string]> }) {
  return (
    <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 12, rowGap: 2 }}>
      {rows.map(([name, value]) => (
        <div key={name} style={{ display: 'contents' }}>
          <Text component="dt" size="xs" c="gray.7">
            {name}
          </Text>
          <Text component="dd" size="xs" ff="monospace" m={0} style={{ wordBreak: 'break-all' }}>
            {value}
          </Text>
        </div>
      ))}
    </dl>
  );
}

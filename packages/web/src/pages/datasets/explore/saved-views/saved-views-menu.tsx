// The saved views menu: load one (VIEW), save the current view, update or delete the loaded one (EDIT, otherwise the reason is shown).
import { Button, ColorSwatch, Menu, Text } from '@mantine/core';
import type { Dataset, SavedView, Stage } from '@teamset/contract';
import { permissionAtLeast } from '@teamset/contract/constants';
import { IconBookmark, IconChevronDown, IconDeviceFloppy, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { savedViewsApi } from '../../../../api/saved-views-api';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { notifyError, notifySuccess } from '../../../../lib/notify';
import { SaveViewDialog } from './save-view-dialog';

export interface SavedViewsMenuProps {
  dataset: Dataset;
  views: readonly SavedView[];
  /** The loaded saved view, if any. */
  current: SavedView | undefined;
  /** The whole current view: the saved view's stages and the sidebar's filters. */
  stages: readonly Stage[];
  /** Whether the sidebar adds filters to the loaded view (then "Update" saves them into it). */
  modified: boolean;
  onLoad(view: SavedView | undefined): void;
  /** After a save, update or delete: reload the list, and load `view` when given. */
  onChanged(view: SavedView | undefined): void;
}

export function SavedViewsMenu({ dataset, views, current, stages, modified, onLoad, onChanged }: SavedViewsMenuProps) {
  const canSave = permissionAtLeast(dataset.permission, 'EDIT');
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);

  const update = async () => {
    if (!current) return;
    try {
      const saved = await savedViewsApi.save(dataset.name, current.name, {
        view: { stages: [...stages] },
        description: current.description,
        color: current.color,
        overwrite: true,
      });
      notifySuccess(`Saved view “${saved.name}” updated`);
      onChanged(saved);
    } catch (error) {
      notifyError(error, 'Could not update the saved view');
    }
  };

  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            size="xs"
            leftSection={current?.color ? <ColorSwatch color={current.color} size={12} /> : <IconBookmark size={14} />}
            rightSection={<IconChevronDown size={14} />}
          >
            {current ? current.name : 'Saved views'}
          </Button>
        </Menu.Target>
        <Menu.Dropdown aria-label="Saved views">
          <Menu.Label>Saved views</Menu.Label>
          {views.length === 0 ? <Menu.Item disabled>No saved views yet</Menu.Item> : null}
          {views.map((view) => (
            <Menu.Item
              key={view.slug}
              onClick={() => onLoad(view)}
              leftSection={<ColorSwatch color={view.color ?? 'transparent'} size={12} aria-hidden />}
              fw={view.slug === current?.slug ? 700 : undefined}
              title={view.description ?? undefined}
            >
              {view.name}
            </Menu.Item>
          ))}
          {current ? <Menu.Item onClick={() => onLoad(undefined)}>Whole dataset</Menu.Item> : null}
          <Menu.Divider />
          {canSave ? (
            <>
              <Menu.Item leftSection={<IconDeviceFloppy size={14} />} onClick={() => setSaving(true)}>
                Save view as…
              </Menu.Item>
              {current ? (
                <Menu.Item leftSection={<IconRefresh size={14} />} disabled={!modified} onClick={() => void update()}>
                  Update “{current.name}”
                </Menu.Item>
              ) : null}
              {current ? (
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(true)}>
                  Delete “{current.name}”
                </Menu.Item>
              ) : null}
            </>
          ) : (
            <Text size="xs" c="dimmed" px="sm" py={4} maw={240}>
              Saving views needs Edit access to this dataset; you can load the views others saved.
            </Text>
          )}
        </Menu.Dropdown>
      </Menu>
      <SaveViewDialog
        opened={saving}
        dataset={dataset.name}
        stages={stages}
        onClose={() => setSaving(false)}
        onSaved={(saved) => {
          setSaving(false);
          notifySuccess(`View saved as “${saved.name}”`);
          onChanged(saved);
        }}
      />
      <ConfirmDialog
        opened={deleting}
        title="Delete saved view"
        confirmLabel="Delete view"
        danger
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          if (!current) return;
          await savedViewsApi.delete(dataset.name, current.name);
          notifySuccess(`Saved view “${current.name}” deleted`);
          onChanged(undefined);
        }}
      >
        Delete the saved view “{current?.name}”? Links to it stop working; the samples are not changed.
      </ConfirmDialog>
    </>
  );
}

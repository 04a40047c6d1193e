// Save the current view under a new name, with an optional description (EDIT).
import { ColorInput, TextInput, Textarea } from '@mantine/core';
import type { SavedView, Stage } from '@teamset/contract';
import { useEffect, useState } from 'react';
import { savedViewsApi } from '../../../../api/saved-views-api';
import { FormDialog } from '../../../../components/form-dialog';
import { useSubmit } from '../../../../hooks/use-submit';

/** The label colours of the grid, so a view's colour reads like the classes it is about. */
const SWATCHES = ['#e8590c', '#1c7ed6', '#2f9e44', '#c2255c', '#f08c00', '#6741d9', '#0c8599', '#e03131'];
const HEX = /^#[0-9a-fA-F]{6}$/;

export interface SaveViewDialogProps {
  opened: boolean;
  dataset: string;
  stages: readonly Stage[];
  onClose(): void;
  onSaved(view: SavedView): void;
}

export function SaveViewDialog({ opened, dataset, stages, onClose, onSaved }: SaveViewDialogProps) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [color, setColor] = useState('');
  const submit = useSubmit();
  const { clear } = submit;
  useEffect(() => {
    if (!opened) return;
    setName('');
    setDescription('');
    setColor('');
    clear();
  }, [opened, clear]);
  const save = () =>
    void submit.run(async () => {
      // No `overwrite`: a name that exists is refused (409) rather than replacing a colleague's view.
      const saved = await savedViewsApi.save(dataset, name.trim(), {
        view: { stages: [...stages] },
        description: description.trim() || null,
        color: HEX.test(color) ? color : null,
      });
      onSaved(saved);
    });
  return (
    <FormDialog
      opened={opened}
      title="Save view"
      onClose={onClose}
      onSubmit={save}
      submit={submit}
      submitLabel="Save view"
      submitDisabled={name.trim() === '' || (color !== '' && !HEX.test(color))}
    >
      <TextInput
        label="Name"
        required
        data-autofocus
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        error={submit.fieldErrors.name}
        maxLength={200}
      />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
      />
      <ColorInput
        label="Color"
        description="Shown next to the view in the menu"
        format="hex"
        swatches={SWATCHES}
        swatchesPerRow={8}
        value={color}
        onChange={setColor}
        error={color !== '' && !HEX.test(color) ? 'A colour as #rrggbb' : submit.fieldErrors.color}
      />
    </FormDialog>
  );
}

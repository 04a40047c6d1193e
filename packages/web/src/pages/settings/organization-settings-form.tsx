// The two organization defaults as a form, saved together.
import { Button, Select, Stack } from '@mantine/core';
import type { DatasetPermission, OrganizationSettings, Role } from '@teamset/contract';
import { useState, type FormEvent } from 'react';
import { organizationApi } from '../../api/organization-api';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { PERMISSION_DESCRIPTIONS, permissionOptions } from '../../lib/permissions';
import { ROLE_DESCRIPTIONS, ROLE_OPTIONS } from '../../lib/roles';

export function OrganizationSettingsForm({
  initial,
  onSaved,
}: {
  initial: OrganizationSettings;
  onSaved: (next: OrganizationSettings) => void;
}) {
  const submit = useSubmit();
  const [role, setRole] = useState<Role>(initial.defaultUserRole);
  const [permission, setPermission] = useState<DatasetPermission>(initial.defaultDatasetPermission);
  const changed = role !== initial.defaultUserRole || permission !== initial.defaultDatasetPermission;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit.run(async () => {
      onSaved(await organizationApi.update({ defaultUserRole: role, defaultDatasetPermission: permission }));
      notifySuccess('Organization settings saved');
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <Select
          label="Default role for new users"
          description={`For people invited or created without a role. ${ROLE_DESCRIPTIONS[role]}.`}
          data={ROLE_OPTIONS}
          value={role}
          onChange={(v) => v && setRole(v as Role)}
          allowDeselect={false}
        />
        <Select
          label="Default access for new datasets"
          description={`What members get on datasets created from now on (${PERMISSION_DESCRIPTIONS[permission].toLowerCase()}); existing datasets keep theirs.`}
          data={permissionOptions()}
          value={permission}
          onChange={(v) => v && setPermission(v as DatasetPermission)}
          allowDeselect={false}
        />
        <FormError message={submit.error} />
        <Button type="submit" loading={submit.busy} disabled={!changed} style={{ alignSelf: 'flex-start' }}>
          Save settings
        </Button>
      </Stack>
    </form>
  );
}

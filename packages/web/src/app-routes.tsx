// Every page of the app and who may reach it: public pages, the signed-in layout, and admin-only pages.
import { Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/app-layout';
import { RequireAdmin } from './components/require-admin';
import { RequireSession } from './components/require-session';
import { AcceptInvitationPage } from './pages/auth/accept-invitation-page';
import { SetupPage } from './pages/auth/setup-page';
import { SignInPage } from './pages/auth/sign-in-page';
import { DatasetPage } from './pages/datasets/dataset-page';
import { DatasetsPage } from './pages/datasets/datasets-page';
import { NotFoundPage } from './pages/not-found-page';
import { SettingsPage } from './pages/settings/settings-page';
import { GroupPage } from './pages/team/group-page';
import { TeamPage } from './pages/team/team-page';
import { UserPage } from './pages/team/user-page';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
      <Route element={<RequireSession />}>
        <Route element={<AppLayout />}>
          <Route index element={<Navigate to="/datasets" replace />} />
          <Route path="/datasets" element={<DatasetsPage />} />
          <Route path="/datasets/:name" element={<DatasetPage tab="samples" />} />
          <Route path="/datasets/:name/manage" element={<DatasetPage tab="manage" />} />
          <Route path="/settings" element={<Navigate to="/settings/account" replace />} />
          <Route path="/settings/account" element={<SettingsPage tab="account" />} />
          <Route path="/settings/api-keys" element={<SettingsPage tab="api-keys" />} />
          <Route path="/settings/organization" element={<SettingsPage tab="organization" />} />
          <Route element={<RequireAdmin />}>
            <Route path="/team" element={<Navigate to="/team/users" replace />} />
            <Route path="/team/users" element={<TeamPage tab="users" />} />
            <Route path="/team/invitations" element={<TeamPage tab="invitations" />} />
            <Route path="/team/users/:userId" element={<UserPage />} />
            <Route path="/team/groups" element={<TeamPage tab="groups" />} />
            <Route path="/team/service-accounts" element={<TeamPage tab="service-accounts" />} />
            <Route path="/team/api-keys" element={<TeamPage tab="api-keys" />} />
            <Route path="/team/groups/:groupId" element={<GroupPage />} />
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}

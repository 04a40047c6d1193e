// A replay of FiftyOne's Python management client (fiftyone.management over fiftyone.api.Client), as tests' client.
import { API_KEY_HEADER } from '@teamset/contract';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

// The same documents, variables, URL joining, headers and response handling as the Python client, so tests see
// Teamset exactly as that client does.

/**
 * The operations as the client sends them: anonymous documents, variable names and selections as in its
 * source (fiftyone/management/*.py). Whitespace does not matter to a GraphQL server; the text is kept close anyway.
 */
export const FIFTYONE_DOCUMENTS = {
  connectionTest: 'query {viewer {id}}',
  viewer: `
    query {
        viewer {
            id
            name
            email
            role
        }
    }
`,
  getUser: `
    query ($userId: String!) {
        user(id: $userId) {
            id
            name
            email
            role
        }
    }
`,
  listUsers: `
    query($after: String) {
        usersConnection(first:25, after: $after) {
            pageInfo{
                hasNextPage
                endCursor
            }
            edges {
                node {
                    id
                    name
                    email
                    role
                }
            }
        }
    }
`,
  listPendingInvitations: `
    query {
        invitations {
            id
            createdAt
            expiresAt
            inviteeEmail
            inviteeRole
            url
        }
    }
`,
  sendInvitation: `
    mutation($email: String!, $role: UserRole!) {
      sendUserInvitation(email: $email, role: $role) { id }
    }
`,
  deleteInvitation: `
    mutation($invitationId: String!) {
      revokeUserInvitation(invitationId: $invitationId)
    }
`,
  setUserRole: `
    mutation($userId: String!, $role: UserRole!) {
      setUserRole(userId: $userId, role: $role) { id }
    }
`,
  deleteUser: `
    mutation($userId: String!) {
      removeUser(userId: $userId)
    }
`,
  listApiKeys: `
    query ($userId: String!) {
        user (id: $userId) {
            apiKeys {
                id
                name
                createdAt
            }
        }
    }
`,
  generateApiKey: `
    mutation($name: String!, $userId: String) {
      generateApiKey(
            name: $name
            userId: $userId
        ) { key }
    }
`,
  deleteApiKey: `
    mutation($key: String!, $userId: String) {
      removeApiKey(
            keyId: $key
            userId: $userId
        )
    }
`,
  getDatasetCreator: `
    query ($dataset: String!) {
        dataset (identifier: $dataset) {
            createdBy {
                id
                name
                email
                role
            }
        }
    }
`,
  getPermissionsForDataset: `
    query ($dataset: String!){
        dataset(identifier: $dataset) {
            users(first: 10000) {
                activePermission
                user {name, email, id}
            }
        }
    }
`,
  // Group-aware dataset.py functions: selections written from the documented functions and the issue's contract.
  getPermissionsForDatasetWithGroups: `
    query ($dataset: String!){
        dataset(identifier: $dataset) {
            users(first: 10000) {
                activePermission
                userPermission
                user {name, email, id}
            }
            userGroups(first: 10000) {
                id
                name
                description
                permission
            }
        }
    }
`,
  getPermissionsForDatasetUser: `
    query ($dataset: String!, $userId: String!){
        dataset(identifier: $dataset) {
            user(id: $userId) {
                activePermission
            }
        }
    }
`,
  // Group-aware dataset.py functions: selections written from the documented functions and the issue's contract.
  getPermissionsForDatasetUserGroup: `
    query ($dataset: String!, $groupId: String!){
        dataset(identifier: $dataset) {
            userGroup(identifier: $groupId) {
                permission
            }
        }
    }
`,
  getPermissionsForUser: `
    query ($userId: String!, $after: String){
        datasetsConnection(first: 25, after: $after, 
            order: {field: name}) {
            pageInfo {
                hasNextPage
                endCursor
            }
            edges {
                node {
                    name
                    user(id: $userId) {
                        activePermission
                    }
                }
            }
        }
    }
`,
  // Group-aware dataset.py functions: selections written from the documented functions and the issue's contract.
  getPermissionsForUserGroup: `
    query ($groupId: String!, $after: String){
        datasetsConnection(first: 25, after: $after,
            order: {field: name}) {
            pageInfo {
                hasNextPage
                endCursor
            }
            edges {
                node {
                    name
                    userGroup(identifier: $groupId) {
                        permission
                    }
                }
            }
        }
    }
`,
  setDatasetDefaultPermission: `
    mutation($identifier: String!, $permission: DatasetPermission!) {
        setDatasetDefaultPermission(
            datasetIdentifier: $identifier
            permission: $permission
        ) { id }
    }
`,
  setDatasetUserPermission: `
    mutation(
        $identifier: String!,
        $userId: String!,
        $permission: DatasetPermission!
    ) {
      setDatasetUserPermission(
            datasetIdentifier: $identifier
            userId: $userId
            permission: $permission
        ) { id }
    }
`,
  deleteDatasetUserPermission: `
    mutation($identifier: String!, $userId: String!) {
      removeDatasetUserPermission(
            datasetIdentifier: $identifier
            userId: $userId
        ) { id }
    }
`,
  // Group-aware dataset.py functions: selections written from the documented functions and the issue's contract.
  setDatasetUserGroupPermission: `
    mutation(
        $identifier: String!,
        $userGroupIdentifier: String!,
        $permission: DatasetPermission!
    ) {
      setDatasetUserGroupPermission(
            datasetIdentifier: $identifier
            userGroupIdentifier: $userGroupIdentifier
            permission: $permission
        ) { id }
    }
`,
  // Group-aware dataset.py functions: selections written from the documented functions and the issue's contract.
  removeDatasetUserGroupPermission: `
    mutation($identifier: String!, $userGroupIdentifier: String!) {
      removeDatasetUserGroupPermission(
            datasetIdentifier: $identifier
            userGroupIdentifier: $userGroupIdentifier
        ) { id }
    }
`,
  getOrganizationSettings: `
query {
    organizationSettings {
        defaultUserRole
        defaultDatasetPermission
        defaultOperatorMinimumRole
        defaultOperatorMinimumDatasetPermission
    }
}
`,
  setOrganizationSettings: `
mutation (
    $defaultUserRole: UserRole,
    $defaultDatasetPermission: DatasetPermission,
    $defaultOperatorMinimumRole: UserRole,
    $defaultOperatorMinimumDatasetPermission: DatasetPermission
) {
    setOrganizationSettings (
        defaultUserRole: $defaultUserRole,
        defaultDatasetPermission: $defaultDatasetPermission,
        defaultOperatorMinimumRole: $defaultOperatorMinimumRole,
        defaultOperatorMinimumDatasetPermission: $defaultOperatorMinimumDatasetPermission
    ){
        defaultUserRole
        defaultDatasetPermission
        defaultOperatorMinimumRole
        defaultOperatorMinimumDatasetPermission
    }
}
`,
  createUserGroup: `
    mutation($name: String!, $description: String) {
      createUserGroup(name: $name, description: $description) {
            id
            name
            description
            users {
              id
              name
              email
              role
            }
        }
    }
`,
  updateUserGroup: `
    mutation($groupId: String!, $name: String, $description: String) {
      updateUserGroupInfo(identifier: $groupId, 
        name: $name, description: $description) {
            id
            name
            description
            users {
              id
              name
              email
              role
            }
      }
    }
`,
  deleteUserGroup: `
    mutation($groupId: String!) {
      deleteUserGroup(userGroupIdentifier: $groupId)
    }
`,
  getUserGroup: `
    query ($groupId: String!) {
        userGroup(identifier: $groupId) {
            id
            name
            description
            users {
              id
              name
              email
              role
            }
        }
    }
`,
  listUserGroupsForUser: `
    query($user_id: String!) {
        user(id: $user_id) {
            userGroups {
                id
                name
                description
                users {
                  id
                  name
                  email
                  role
                }
            }
        } 
    }
`,
  listUserGroups: `
    query($first: Int!) {
        userGroups(first: $first) {
            id
            name
            description
            users {
              id
              name
              email
              role
            }
        }
    }
`,
  listUserGroupNames: `
    query($first: Int!) {
        userGroups(first: $first) {
            name
        }
    }
`,
  addUsersToGroup: `
    mutation($groupId: String!, $userIds: [String!]!)
    {
        addUserGroupUsers(userGroupIdentifier: $groupId, userIds: $userIds) {
            id
            name
            description
            users {
              id
              name
              email
              role
            }
        }
    }
`,
  removeUsersFromGroup: `
    mutation($groupId: String!, $userIds: [String!]!)
    {
        removeUserGroupUsers(userGroupIdentifier: $groupId, 
        userIds: $userIds) {
            id
            name
            description
            users {
              id
              name
              email
              role
            }
        }
    }
`,
} as const;

/** The client's exceptions, by what it checks: 401, 403, any other 4xx/5xx, and a body with `errors`. */
export class ReplayError extends Error {
  constructor(
    readonly kind: 'authentication' | 'forbidden' | 'http' | 'graphql',
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = `Replay${kind}Error`;
  }
}

/** Python's os.path.join(base, path) for a URL string: one slash between, none added when the base ends with one. */
export function pythonJoin(base: string, path: string): string {
  return base.endsWith('/') ? `${base}${path}` : `${base}/${path}`;
}

export interface ReplayExchange {
  status: number;
  body: Record<string, unknown>;
  raw: LightMyRequestResponse;
}

/** fiftyone.api.Client over app.inject: `apiUri` is FIFTYONE_API_URI, `apiKey` FIFTYONE_API_KEY. */
export class FiftyOneReplayClient {
  constructor(
    private readonly app: FastifyInstance,
    readonly apiUri: string,
    readonly apiKey: string,
  ) {}

  private url(path: string): string {
    const full = new URL(pythonJoin(this.apiUri, path));
    return `${full.pathname}${full.search}`;
  }

  /** What requests does: X-API-Key and a User-Agent on every call, JSON bodies with Content-Type application/json. */
  async send(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<ReplayExchange> {
    const raw = await this.app.inject({
      method,
      url: this.url(path),
      headers: {
        [API_KEY_HEADER]: this.apiKey,
        'user-agent': 'FiftyOne Teams client/replay',
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
    if (raw.statusCode === 401) throw new ReplayError('authentication', 401, raw.body);
    if (raw.statusCode === 403) throw new ReplayError('forbidden', 403, raw.body);
    if (raw.statusCode >= 400) throw new ReplayError('http', raw.statusCode, raw.body);
    return { status: raw.statusCode, body: raw.json<Record<string, unknown>>(), raw };
  }

  /** post_graphql_request: `{"query", "variables"}` (variables null when not given); any `errors` key raises. */
  async graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> | null = null,
  ): Promise<T> {
    const { body } = await this.send('POST', 'graphql/v1', { query, variables });
    if ('errors' in body)
      throw new ReplayError(
        'graphql',
        200,
        ((body.errors as Array<{ message: string }>) ?? []).map((e) => e.message).join('; '),
      );
    return body.data as T;
  }

  /** post_graphql_connectioned_request: follows endCursor, setting variables.after (null on the first call). */
  async graphqlConnection<T>(query: string, property: string, variables: Record<string, unknown> = {}): Promise<T[]> {
    type Connection = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: T }> };
    const nodes: T[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10_000; guard++) {
      const data: Record<string, Connection | undefined> = await this.graphql(query, { ...variables, after });
      const connection = data[property];
      if (!connection) throw new Error(`No property ${property} found`);
      nodes.push(...connection.edges.map((e) => e.node));
      if (!connection.pageInfo.hasNextPage) return nodes;
      after = connection.pageInfo.endCursor;
    }
    throw new Error('connection paging did not end');
  }

  /** test_api_connection: GET health must be 200 (older clients: status "available"), then the viewer query. */
  async testApiConnection(): Promise<void> {
    const health = await this.send('GET', 'health');
    if (health.status !== 200 || health.body.status !== 'available')
      throw new Error(`Bad server status: '${String(health.body.status)}'`);
    const data = await this.graphql<{ viewer?: unknown }>(FIFTYONE_DOCUMENTS.connectionTest);
    if (!data.viewer) throw new Error('whoami() did not succeed');
  }
}

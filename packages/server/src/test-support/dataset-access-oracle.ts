// The authorization matrix's oracle: docs/design.md §2 restated as small tables, written apart from core's permission code.
//
// Nothing here imports the rules under test (core's effectivePermission, the contract's role caps and
// orderings): the tables below are copied by hand from docs/design.md §2, so a wrong rule in the implementation
// and a wrong expectation here cannot share a cause.

export type OracleRole = 'ADMIN' | 'MEMBER' | 'COLLABORATOR' | 'GUEST';
export type OracleLevel = 'NO_ACCESS' | 'VIEW' | 'TAG' | 'EDIT' | 'MANAGE';
/**
 * How the cell's level reaches the user: an explicit per-user grant; the dataset's default permission with no
 * grant (docs/design.md §2: it reaches members only); or a grant to a user group the user is the only member of.
 */
export type GrantMode = 'grant' | 'default' | 'group';
/**
 * How the cell's request is authenticated: a session, an unscoped key, or a scoped key (issue 15) — capped at
 * VIEW, capped at TAG, listing the cell's dataset and limited to read-only management, or listing another dataset.
 */
export type Credential = 'key' | 'session' | 'key max VIEW' | 'key max TAG' | 'key listed read-only' | 'key unlisted';

export const ORACLE_ROLES: readonly OracleRole[] = ['ADMIN', 'MEMBER', 'COLLABORATOR', 'GUEST'];
/** Lowest first (docs/design.md §2: NO_ACCESS < VIEW < TAG < EDIT < MANAGE). */
export const ORACLE_LEVELS: readonly OracleLevel[] = ['NO_ACCESS', 'VIEW', 'TAG', 'EDIT', 'MANAGE'];
export const GRANT_MODES: readonly GrantMode[] = ['grant', 'default', 'group'];
export const CREDENTIALS: readonly Credential[] = [
  'key',
  'session',
  'key max VIEW',
  'key max TAG',
  'key listed read-only',
  'key unlisted',
];

/** A scoped key's limits, as docs/design.md §3 states them (null for a session or an unscoped key). */
export interface OracleKeyScope {
  maxPermission?: 'VIEW' | 'TAG' | 'EDIT';
  /** Whether the key's dataset list names the cell's dataset (undefined: the key lists none). */
  listsDataset?: boolean;
  readOnlyManagement?: boolean;
}

export const CREDENTIAL_SCOPES: Record<Credential, OracleKeyScope | null> = {
  key: null,
  session: null,
  'key max VIEW': { maxPermission: 'VIEW' },
  'key max TAG': { maxPermission: 'TAG' },
  'key listed read-only': { listsDataset: true, readOnlyManagement: true },
  'key unlisted': { listsDataset: false },
};

/** min(user's level, key's cap); NO_ACCESS on a dataset the key does not list (docs/design.md §3). */
export function scopedLevel(level: OracleLevel, credential: Credential): OracleLevel {
  const scope = CREDENTIAL_SCOPES[credential];
  if (!scope) return level;
  if (scope.listsDataset === false) return 'NO_ACCESS';
  return scope.maxPermission ? lower(level, scope.maxPermission) : level;
}

interface RoleRules {
  /** What the role holds on every dataset without a grant: a level, or the dataset's default permission. */
  implicit: OracleLevel | 'DATASET_DEFAULT';
  /** The highest level the role can hold or be granted. */
  cap: OracleLevel;
  createsDatasets: boolean;
  clones: boolean;
  usesApiKeys: boolean;
  readsOthersPermissions: boolean;
}

/** docs/design.md §2's role table. */
const ROLE_RULES: Record<OracleRole, RoleRules> = {
  ADMIN: {
    implicit: 'MANAGE',
    cap: 'MANAGE',
    createsDatasets: true,
    clones: true,
    usesApiKeys: true,
    readsOthersPermissions: true,
  },
  MEMBER: {
    implicit: 'DATASET_DEFAULT',
    cap: 'MANAGE',
    createsDatasets: true,
    clones: true,
    usesApiKeys: true,
    readsOthersPermissions: false,
  },
  COLLABORATOR: {
    implicit: 'NO_ACCESS',
    cap: 'EDIT',
    createsDatasets: false,
    clones: false,
    usesApiKeys: true,
    readsOthersPermissions: false,
  },
  GUEST: {
    implicit: 'NO_ACCESS',
    cap: 'VIEW',
    createsDatasets: false,
    clones: false,
    usesApiKeys: false,
    readsOthersPermissions: false,
  },
};

const rank = (level: OracleLevel): number => ORACLE_LEVELS.indexOf(level);
const higher = (a: OracleLevel, b: OracleLevel): OracleLevel => (rank(a) >= rank(b) ? a : b);
const lower = (a: OracleLevel, b: OracleLevel): OracleLevel => (rank(a) <= rank(b) ? a : b);

export function roleCap(role: OracleRole): OracleLevel {
  return ROLE_RULES[role].cap;
}

/**
 * The per-user grant the cell can actually store. A user grant above the role's cap is refused by the API (it
 * could never take effect), so such a cell ("COLLABORATOR granted MANAGE") is set up with the cap instead — the
 * most the API allows — and expects the capped outcome; the matrix also checks that the higher grant is refused.
 * A group grant is not refused (a group mixes roles): it is stored as asked and capped per member.
 */
export function storableGrant(role: OracleRole, level: OracleLevel): OracleLevel {
  return lower(level, roleCap(role));
}

export function grantIsRefused(role: OracleRole, level: OracleLevel): boolean {
  return rank(level) > rank(roleCap(role));
}

export interface CellSetup {
  datasetDefault: OracleLevel;
  /** The user's explicit grant, null for none. */
  grant: OracleLevel | null;
  /** The grant to the user's group, null for none. */
  groupGrant: OracleLevel | null;
}

/** The cell's dataset: its default permission, the user's grant and their group's grant (one of the three carries the level). */
export function cellSetup(role: OracleRole, level: OracleLevel, mode: GrantMode): CellSetup {
  if (mode === 'default') return { datasetDefault: level, grant: null, groupGrant: null };
  if (mode === 'group') return { datasetDefault: 'NO_ACCESS', grant: null, groupGrant: level };
  return { datasetDefault: 'NO_ACCESS', grant: storableGrant(role, level), groupGrant: null };
}

/** min(cap, max(implicit, user grant, group grant)) — docs/design.md §2. */
export function effectiveLevel(role: OracleRole, level: OracleLevel, mode: GrantMode): OracleLevel {
  const rules = ROLE_RULES[role];
  const { datasetDefault, grant, groupGrant } = cellSetup(role, level, mode);
  const implicit = rules.implicit === 'DATASET_DEFAULT' ? datasetDefault : rules.implicit;
  return lower(rules.cap, higher(implicit, higher(grant ?? 'NO_ACCESS', groupGrant ?? 'NO_ACCESS')));
}

/** What an endpoint needs, as docs/design.md §2 states it. */
export type Requirement =
  /** A permission level on the dataset named in the path (`manages`: a permission change, see below). */
  | { kind: 'level'; level: OracleLevel; manages?: true }
  /** A role capability first (create, clone), then — when given — a level on the source dataset. */
  | { kind: 'role'; capability: 'createsDatasets' | 'clones' | 'readsOthersPermissions'; level?: OracleLevel }
  /** Any signed-in user (listings: what they show depends on the level, checked by the endpoint's own assertions). */
  | { kind: 'signedIn' };

/** The 403 a key scoped to read-only management gets for a management change it could otherwise make. */
export const READ_ONLY_KEY_MESSAGE = 'This API key is limited to read-only management';

/** Lowest role with each capability, as the 403's details name it. */
const CAPABILITY_ROLE: Record<'createsDatasets' | 'clones' | 'readsOthersPermissions', OracleRole> = {
  createsDatasets: 'MEMBER',
  clones: 'MEMBER',
  readsOthersPermissions: 'ADMIN',
};

export type Outcome =
  | { allowed: true; level: OracleLevel }
  | {
      allowed: false;
      status: 403 | 404;
      code: 'FORBIDDEN' | 'NOT_FOUND';
      message?: string;
      details?: Record<string, unknown>;
      level: OracleLevel;
    };

export interface Cell {
  role: OracleRole;
  level: OracleLevel;
  mode: GrantMode;
  credential: Credential;
}

/** The guest's 403 on any API-key request, before anything else is looked at (docs/design.md §3). */
export const GUEST_KEY_MESSAGE = 'Guests cannot use API keys';

function levelOutcome(required: OracleLevel, level: OracleLevel): Outcome {
  // NO_ACCESS is indistinguishable from a missing dataset; below the requirement is a 403 naming both levels.
  if (level === 'NO_ACCESS') return { allowed: false, status: 404, code: 'NOT_FOUND', level };
  if (rank(level) < rank(required))
    return { allowed: false, status: 403, code: 'FORBIDDEN', details: { required, actual: level }, level };
  return { allowed: true, level };
}

/**
 * The expected outcome of one cell. Order of checks: the credential (a guest's key is refused outright); for an
 * endpoint on a dataset, a dataset the caller cannot see is a 404 before anything else is said about it (the
 * issue: "404 for datasets the caller cannot see") — so a collaborator cloning a dataset hidden from them gets
 * 404, one cloning a dataset they can see gets the role's 403; then the role capability; then the level.
 */
export function expectedOutcome(requirement: Requirement, cell: Cell): Outcome {
  const rules = ROLE_RULES[cell.role];
  const level = scopedLevel(effectiveLevel(cell.role, cell.level, cell.mode), cell.credential);
  const scope = CREDENTIAL_SCOPES[cell.credential];
  if (cell.credential !== 'session' && !rules.usesApiKeys)
    return { allowed: false, status: 403, code: 'FORBIDDEN', message: GUEST_KEY_MESSAGE, level };
  if (requirement.kind === 'signedIn') return { allowed: true, level };
  if (requirement.kind === 'level') {
    const outcome = levelOutcome(requirement.level, level);
    // Seen and permitted to the user, yet a management change: the read-only key is refused after the level check.
    if (outcome.allowed && requirement.manages && scope?.readOnlyManagement)
      return {
        allowed: false,
        status: 403,
        code: 'FORBIDDEN',
        message: READ_ONLY_KEY_MESSAGE,
        details: { scope: 'readOnlyManagement' },
        level,
      };
    return outcome;
  }
  if (requirement.level !== undefined && level === 'NO_ACCESS') return levelOutcome(requirement.level, level);
  if (!rules[requirement.capability]) {
    return {
      allowed: false,
      status: 403,
      code: 'FORBIDDEN',
      details: { requiredRole: CAPABILITY_ROLE[requirement.capability], role: cell.role },
      level,
    };
  }
  const outcome: Outcome =
    requirement.level !== undefined ? levelOutcome(requirement.level, level) : { allowed: true, level };
  // Creating (or cloning into) a dataset gives MANAGE on a dataset no list names: a key limited by permission or
  // by datasets may not.
  const limited = scope && (scope.maxPermission !== undefined || scope.listsDataset !== undefined);
  if (outcome.allowed && limited && requirement.capability !== 'readsOthersPermissions')
    return {
      allowed: false,
      status: 403,
      code: 'FORBIDDEN',
      details: { scope: scope.listsDataset !== undefined ? 'datasets' : 'maxPermission' },
      level,
    };
  return outcome;
}

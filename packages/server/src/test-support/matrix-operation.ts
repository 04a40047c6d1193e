// What one endpoint contributes to the authorization matrix: its request, its requirement per docs/design.md §2, and how to see its effect.
import { routeId, type RouteDefinition } from '@teamset/contract';
import type { Services } from '@teamset/core';
import type { LightMyRequestResponse } from 'fastify';
import type { FixtureUser } from './auth-fixture.js';
import type { OracleLevel, Requirement } from './dataset-access-oracle.js';
import type { TestMethod } from './protected-routes.js';

/** A dataset seeded for the matrix (see matrix-seed.ts). */
export interface MatrixDataset {
  name: string;
  /** Sample ids in insertion order. */
  sampleIds: string[];
  /** The dataset's default permission, the caller's explicit grant and their group's grant (null: none). */
  datasetDefault: OracleLevel;
  grant: OracleLevel | null;
  groupGrant: OracleLevel | null;
}

export interface CellContext {
  services: Services;
  dataset: MatrixDataset;
  caller: FixtureUser;
  /** A COLLABORATOR holding an explicit VIEW grant on every matrix dataset: the "other user" of permission endpoints (no default permission reaches them, so their level is their grant). */
  bystander: FixtureUser;
  /** The bystander's group (they are its only member), granted VIEW on every matrix dataset: the group of group-permission endpoints. */
  bystanderGroup: string;
  /** The caller's effective level on the dataset, as the oracle computes it. */
  level: OracleLevel;
  /** A fresh, unique dataset name (for create, clone and rename). */
  newName(label: string): string;
}

export interface MatrixRequest {
  url: string;
  payload?: Record<string, unknown>;
}

export interface MatrixOperation {
  /** Shown in failures, e.g. "PATCH dataset (rename)". */
  name: string;
  method: TestMethod;
  /** The route's path (the coverage check compares these with the registered routes). */
  path: string;
  requirement: Requirement;
  /** Status when allowed. */
  status: number;
  /** Changes the dataset when allowed: such a cell gets a freshly seeded dataset of its own, so cells stay independent. */
  mutates: boolean;
  request(ctx: CellContext): MatrixRequest;
  /** Runs when the cell is allowed, after the status check: the body and the effect in the database. */
  verify(ctx: CellContext, response: LightMyRequestResponse): Promise<void>;
}

/**
 * An operation's route and requirement, from the contract's route table. The requirement is the route's `access`
 * unless the operation states a stricter or looser case of it (renaming needs MANAGE; your own permission needs
 * VIEW) or the access is a role capability, which the oracle names itself (create, clone, others' permissions).
 */
export function fromRoute(
  route: RouteDefinition,
  requirement?: Requirement,
): Pick<MatrixOperation, 'method' | 'path' | 'requirement'> {
  const { access } = route;
  const derived: Requirement | undefined =
    access.kind === 'signedIn'
      ? { kind: 'signedIn' }
      : access.kind === 'dataset' && access.role === undefined
        ? { kind: 'level', level: access.permission }
        : undefined;
  const stated = requirement ?? derived;
  if (!stated) throw new Error(`${routeId(route)}: state the matrix requirement of its ${access.kind} access`);
  // A management change (permission writes) is refused to a read-only-management key: the route table says which.
  const manages = access.kind !== 'public' && access.manages === true && stated.kind === 'level';
  return { method: route.method, path: route.path, requirement: manages ? { ...stated, manages: true } : stated };
}

// What a GraphQL operation would cost before it runs: how deep it nests and how many resolver calls it can fan out to.
import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isIntrospectionType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type NamedTypeNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** How many items a list without a size argument is assumed to hold. */
export const DEFAULT_LIST_SIZE = 10;
/** Arguments that bound a list's (or a connection's page's) length. */
const SIZE_ARGUMENTS = new Set(['first', 'last', 'limit', 'pageSize']);
/** Depth is measured up to here; anything deeper is reported as "more than" this. */
export const DEPTH_CAP = 256;

export interface QueryMeasure {
  /** Nested selection sets, the operation's own counting 1 (`{viewer{id}}` is 2); DEPTH_CAP + 1 when deeper than the cap. */
  depth: number;
  /** Estimated resolver calls (see unitCost), each list multiplying what is selected under it. */
  cost: number;
  /** Field selections walked, fragments expanded; the walk stops past `maxSelections`. */
  selections: number;
}

/**
 * One unit per call into code that does work: a Teamset resolver (a service call, often a query). Fields read
 * from their parent's object are free. Introspection resolvers read the schema in memory, so there only a
 * computed list (a type's fields, a field's arguments…) counts.
 */
function unitCost(parentType: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): number {
  if (field.name.startsWith('__')) return 0;
  if (isIntrospectionType(parentType)) return isListType(getNullableType(field.type)) ? 1 : 0;
  return field.resolve ? 1 : 0;
}

class CostWalk {
  depth = 0;
  selections = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Readonly<Record<string, unknown>>,
    private readonly maxSelections: number,
  ) {}

  get stopped(): boolean {
    return this.selections > this.maxSelections;
  }

  /** Cost of a selection set at `level` (the operation's is 1); `pageSize` is a connection's `first`, for the lists directly under it. */
  cost(
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType,
    level: number,
    pageSize: number | undefined,
  ): number {
    if (level > this.depth) this.depth = level;
    if (level > DEPTH_CAP) return 0;
    let total = 0;
    for (const { node, type } of this.fieldsOf(selectionSet, parentType)) {
      this.selections++;
      if (this.stopped) return total;
      const field = this.fieldDef(type, node.name.value);
      if (!field) continue;
      const list = isListType(getNullableType(field.type));
      const size = this.sizeArgument(node);
      let children = 0;
      const childType = getNamedType(field.type);
      if (node.selectionSet && isCompositeType(childType))
        children = this.cost(node.selectionSet, childType, level + 1, list ? undefined : size);
      total += unitCost(type, field) + (list ? (size ?? pageSize ?? DEFAULT_LIST_SIZE) : 1) * children;
    }
    return total;
  }

  /**
   * The fields of a selection set with its fragments expanded, each fragment once (as graphql's executor
   * collects fields), by an explicit stack: a long chain of spreads costs no stack, and a cycle ends.
   */
  private fieldsOf(
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType,
  ): Array<{ node: FieldNode; type: GraphQLCompositeType }> {
    const fields: Array<{ node: FieldNode; type: GraphQLCompositeType }> = [];
    const expanded = new Set<string>();
    const pending: Array<{ set: SelectionSetNode; type: GraphQLCompositeType }> = [
      { set: selectionSet, type: parentType },
    ];
    for (let next = pending.pop(); next; next = pending.pop()) {
      for (const selection of next.set.selections) {
        if (selection.kind === Kind.FIELD) fields.push({ node: selection, type: next.type });
        else if (selection.kind === Kind.INLINE_FRAGMENT)
          pending.push({ set: selection.selectionSet, type: this.conditionType(selection.typeCondition, next.type) });
        else if (!expanded.has(selection.name.value)) {
          expanded.add(selection.name.value);
          const fragment = this.fragments.get(selection.name.value);
          if (fragment)
            pending.push({ set: fragment.selectionSet, type: this.conditionType(fragment.typeCondition, next.type) });
        }
      }
    }
    return fields;
  }

  private conditionType(condition: NamedTypeNode | undefined, fallback: GraphQLCompositeType): GraphQLCompositeType {
    const type = condition ? this.schema.getType(condition.name.value) : undefined;
    return type && isCompositeType(type) ? type : fallback;
  }

  private fieldDef(parentType: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
    if (name === SchemaMetaFieldDef.name && parentType === this.schema.getQueryType()) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name && parentType === this.schema.getQueryType()) return TypeMetaFieldDef;
    if (isObjectType(parentType) || isInterfaceType(parentType)) return parentType.getFields()[name];
    return undefined;
  }

  /** A `first`/`limit`-like argument's value, literal or from the variables; undefined when absent or null (all). */
  private sizeArgument(node: FieldNode): number | undefined {
    const argument = node.arguments?.find((a) => SIZE_ARGUMENTS.has(a.name.value));
    if (!argument) return undefined;
    const { value } = argument;
    const given =
      value.kind === Kind.INT
        ? Number(value.value)
        : value.kind === Kind.VARIABLE
          ? this.variables[value.name.value]
          : undefined;
    return typeof given === 'number' && Number.isFinite(given) ? Math.max(0, given) : undefined;
  }
}

/** Measures `operation` with the document's `fragments`; the walk ends early once past `maxSelections` field selections. */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
  maxSelections: number,
): QueryMeasure {
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const walk = new CostWalk(schema, fragments, variables, maxSelections);
  const cost = root ? walk.cost(operation.selectionSet, root, 1, undefined) : 0;
  return { depth: walk.depth, cost, selections: walk.selections };
}

import { GraphQLResolveInfo, Kind, SelectionNode } from 'graphql';

/** The fields a selection holds, through inline fragments and fragment spreads. */
function fieldsOf(selections: readonly SelectionNode[], info: GraphQLResolveInfo): SelectionNode[] {
  return selections.flatMap((selection): SelectionNode[] => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet.selections, info);
    const fragment = info.fragments[selection.name.value];
    return fragment ? fieldsOf(fragment.selectionSet.selections, info) : [];
  });
}

/** Whether the query asks, under the field being resolved, for the field at `path` (e.g. pageInfo.total). */
export function asksFor(info: GraphQLResolveInfo, ...path: string[]): boolean {
  let selections: readonly SelectionNode[] = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  for (const name of path) {
    const matches = fieldsOf(selections, info).filter((field) => field.kind === Kind.FIELD && field.name.value === name);
    if (!matches.length) return false;
    selections = matches.flatMap((field) => (field.kind === Kind.FIELD ? field.selectionSet?.selections ?? [] : []));
  }
  return true;
}

import { isAlias, isCollection, isPair, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';

/**
 * A team lead's YAML (a script, a dispositions file) read safely. YAML's anchors and aliases
 * let a few lines stand for a huge document (`b: [*a, *a, …]`, `c: [*b, *b, …]`: the "billion
 * laughs"), which would exhaust memory once the value is checked or stored. So before the
 * document becomes a value, the nodes its aliases would copy in are counted, and a file whose
 * aliases add more than ALIAS_NODE_BUDGET nodes, or an alias inside its own anchor, is refused
 * with the line of the alias where it happens. A real file using one anchor a hundred times
 * stays far under the budget (a script is at most 100 steps and 50 criteria).
 */
export const ALIAS_NODE_BUDGET = 10_000;

export interface YamlProblem {
  line: number | null;
  message: string;
}

export type ReadYaml = { ok: true; doc: Document; value: unknown; lineCounter: LineCounter } | { ok: false; problems: YamlProblem[] };

export function readYaml(text: string): ReadYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => ({ line: e.linePos?.[0]?.line ?? null, message: e.message.split('\n')[0]! })) };
  }
  const aliasProblem = checkAliases(doc, lineCounter);
  if (aliasProblem) return { ok: false, problems: [aliasProblem] };
  try {
    // The library's own guard stays on, set to the same budget, in case ours missed a shape.
    return { ok: true, doc, value: doc.toJS({ maxAliasCount: ALIAS_NODE_BUDGET }), lineCounter };
  } catch (error) {
    return { ok: false, problems: [{ line: null, message: (error as Error).message }] };
  }
}

function checkAliases(doc: Document, lineCounter: LineCounter): YamlProblem | null {
  // Each alias stands for the last node anchored with its name before it, in document order.
  const anchors = new Map<string, Node>();
  const targets: { alias: Node & { source: string }; target: Node | undefined }[] = [];
  const targetOf = new Map<Node, Node | undefined>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        targets.push({ alias: node, target: anchors.get(node.source) });
        targetOf.set(node, anchors.get(node.source));
      }
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  if (targets.length === 0) return null;

  const lineOf = (node: Node) => (node.range ? lineCounter.linePos(node.range[0]).line : null);
  const sizes = new Map<Node, number>();
  const open = new Set<Node>();
  // The nodes a node stands for once its aliases are expanded (Infinity: it contains itself).
  const size = (node: unknown): number => {
    if (isPair(node)) return size(node.key) + size(node.value);
    if (!node || typeof node !== 'object') return 0;
    const known = sizes.get(node as Node);
    if (known !== undefined) return known;
    if (open.has(node as Node)) return Infinity;
    open.add(node as Node);
    let total = 1;
    if (isAlias(node)) total = size(targetOf.get(node));
    else if (isCollection(node)) for (const item of node.items) total += size(item);
    open.delete(node as Node);
    sizes.set(node as Node, total);
    return total;
  };

  let added = 0;
  for (const { alias, target } of targets) {
    if (!target) return { line: lineOf(alias), message: `the alias *${alias.source} has no anchor &${alias.source} before it` };
    const grows = size(target);
    if (grows === Infinity) return { line: lineOf(alias), message: `the alias *${alias.source} is inside its own anchor, so it never ends` };
    added += grows;
    if (added > ALIAS_NODE_BUDGET) {
      return { line: lineOf(alias), message: `the aliases expand the file past ${ALIAS_NODE_BUDGET.toLocaleString('en-US')} values (an alias bomb?): write the values out, or use fewer aliases` };
    }
  }
  return null;
}

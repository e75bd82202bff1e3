/**
 * `toMermaid`: a machine as a Mermaid `stateDiagram-v2`, for docs and reviews.
 *
 * @module
 */
import type { AnyMachine } from './types.js';

/**
 * Options for {@link toMermaid}.
 *
 * @category Core
 */
export interface MermaidOptions {
  /** Layout direction; Mermaid's default (top to bottom) when omitted. */
  readonly direction?: 'LR' | 'TB';
  /** Write each state's `description` under its name inside its box (default `true`). */
  readonly descriptions?: boolean;
}

const plainId = /^[A-Za-z_][A-Za-z0-9_]*$/;
const escapeLabel = (text: string) => text.replace(/[:;#\n]/g, ' ').trim();

/**
 * Renders a machine as Mermaid `stateDiagram-v2` text: the initial state, every transition labelled
 * with its event (and guard in brackets), state descriptions, and final states marked.
 *
 * @example
 * ```ts
 * import { defineMachine, toMermaid } from 'servicecraft';
 *
 * const door = defineMachine({
 *   id: 'door', version: 1, initial: 'closed', events: { OPEN: null, CLOSE: null },
 *   states: { closed: { on: { OPEN: 'open' } }, open: { on: { CLOSE: 'closed' } } },
 * });
 * console.log(toMermaid(door));
 * // stateDiagram-v2
 * //   [*] --> closed
 * //   closed --> open : OPEN
 * //   open --> closed : CLOSE
 * ```
 *
 * @param machine - A machine from {@link defineMachine}.
 * @param options - Layout options.
 * @returns The diagram source.
 * @category Core
 */
export function toMermaid(machine: AnyMachine, options: MermaidOptions = {}): string {
  const ids = new Map<string, string>();
  const lines = ['stateDiagram-v2'];
  if (options.direction) lines.push(`  direction ${options.direction}`);
  machine.states.forEach((name: string, i: number) => {
    const id = plainId.test(name) ? name : `s${i}`;
    ids.set(name, id);
    if (id !== name) lines.push(`  state "${escapeLabel(name)}" as ${id}`);
  });
  const id = (name: string) => ids.get(name) ?? name;
  if (options.descriptions !== false) {
    for (const name of machine.states as readonly string[]) {
      const description = machine.definition.states[name]?.description;
      if (description)
        lines.push(
          `  ${id(name)} : ${escapeLabel(name)}`,
          `  ${id(name)} : ${escapeLabel(description)}`,
        );
    }
  }
  lines.push(`  [*] --> ${id(machine.initial)}`);
  for (const edge of machine.edges) {
    const guard = edge.guard === undefined ? '' : ` [${edge.guard}]`;
    lines.push(`  ${id(edge.from)} --> ${id(edge.to)} : ${edge.event}${guard}`);
  }
  for (const name of machine.finalStates as readonly string[]) lines.push(`  ${id(name)} --> [*]`);
  return lines.join('\n');
}

/**
 * The checks `defineFramework` runs on a spec before compiling it; every problem is collected so
 * the author fixes them all in one pass.
 *
 * @internal
 * @module
 */
import type { DefinitionProblem, DefinitionProblemCode } from '../core/index.js';
import type { FrameworkSpec } from './types.js';

const idPattern = /^[a-z][A-Za-z0-9]*$/;
const reserved = new Set(['start', 'completed', 'abandoned']);

/** Every problem of a framework spec, in spec order. @internal */
export function checkSpec(spec: FrameworkSpec<string, string, string>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (code: DefinitionProblemCode, path: (string | number)[], message: string) => {
    problems.push({ code, path: path.map(String), message });
  };
  /** A step or quality id: camelCase, not reserved (steps), not used twice in its list. */
  const checkId = (
    kind: 'Step' | 'Quality',
    path: (string | number)[],
    id: unknown,
    seen: Set<string>,
  ) => {
    if (typeof id !== 'string' || !idPattern.test(id)) {
      add(
        'INVALID_ID',
        path,
        `${kind} ids are camelCase words starting with a lower-case letter; received ${JSON.stringify(id)}.`,
      );
    } else if (kind === 'Step' && reserved.has(id)) {
      add('RESERVED_NAME', path, `'${id}' is a state every framework has; choose another step id.`);
    } else if (seen.has(id)) {
      add(
        'INVALID_ID',
        path,
        `${kind} id '${id}' is used twice; ${kind.toLowerCase()} ids must be unique.`,
      );
    }
    if (typeof id === 'string') seen.add(id);
  };
  if (typeof spec !== 'object' || spec === null) {
    add('NO_STATES', [], 'A framework spec must be an object with id, name, source and steps.');
    return problems;
  }
  for (const key of ['id', 'name', 'source'] as const) {
    if (typeof spec[key] !== 'string' || spec[key].trim() === '') {
      add(
        'INVALID_ID',
        [key],
        `The framework needs a non-empty ${key}${key === 'source' ? ' saying where it comes from (seed document, standard or vendor)' : ''}.`,
      );
    }
  }
  if (!Array.isArray(spec.steps) || spec.steps.length === 0) {
    add('NO_STATES', ['steps'], 'A framework needs at least one step.');
    return problems;
  }
  const stepIds = new Set<string>();
  spec.steps.forEach((step, i) => {
    const id = step?.id;
    checkId('Step', ['steps', i, 'id'], id, stepIds);
    if (typeof step?.description !== 'string' || step.description.trim() === '') {
      add('INVALID_ID', ['steps', i, 'description'], `Step '${String(id)}' needs a description.`);
    }
    const max = step?.maxTimes;
    if (max !== undefined && (!Number.isSafeInteger(max) || max < 1)) {
      add(
        'INVALID_TRANSITION',
        ['steps', i, 'maxTimes'],
        `maxTimes of step '${String(id)}' must be a positive integer, received ${String(max)}.`,
      );
    }
  });
  spec.steps.forEach((step, i) => {
    const back: readonly string[] = step.back ?? [];
    back.forEach((target, j) => {
      if (!stepIds.has(target)) {
        add(
          'UNKNOWN_TARGET',
          ['steps', i, 'back', j],
          `Step '${step.id}' goes back to '${target}', which is not a step; steps: ${[...stepIds].join(', ')}.`,
        );
      }
    });
    for (const [outcome, target] of Object.entries(step.outcomes ?? {})) {
      if (!idPattern.test(outcome)) {
        add(
          'INVALID_ID',
          ['steps', i, 'outcomes', outcome],
          `Outcome ids are camelCase words starting with a lower-case letter; received '${outcome}'.`,
        );
      } else if (stepIds.has(outcome) || reserved.has(outcome)) {
        add(
          'RESERVED_NAME',
          ['steps', i, 'outcomes', outcome],
          `Outcome '${outcome}' of step '${step.id}' has the name of a step or state; outcome and step ids share one event namespace.`,
        );
      }
      const targets = Array.isArray(target) ? target : [target];
      if (targets.length === 0) {
        add(
          'INVALID_TRANSITION',
          ['steps', i, 'outcomes', outcome],
          `Outcome '${outcome}' of step '${step.id}' leads nowhere; give it a step id or 'end'.`,
        );
      }
      for (const t of targets) {
        if (t !== 'end' && !stepIds.has(t)) {
          add(
            'UNKNOWN_TARGET',
            ['steps', i, 'outcomes', outcome],
            `Outcome '${outcome}' of step '${step.id}' leads to '${String(t)}', which is neither a step nor 'end'.`,
          );
        }
      }
    }
  });
  const qualityIds = new Set<string>();
  (spec.qualities ?? []).forEach((quality, i) => {
    const id = quality?.id;
    checkId('Quality', ['qualities', i, 'id'], id, qualityIds);
    if (quality?.step !== undefined && !stepIds.has(quality.step)) {
      add(
        'UNKNOWN_TARGET',
        ['qualities', i, 'step'],
        `Quality '${String(id)}' is grouped under '${quality.step}', which is not a step.`,
      );
    }
  });
  return problems;
}

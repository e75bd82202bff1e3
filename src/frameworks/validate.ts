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
/** Step ids may also be kebab-case, as action names in logs often are. */
const stepIdPattern = /^[a-z][A-Za-z0-9]*(-[a-z0-9][A-Za-z0-9]*)*$/;
const reserved = new Set(['start', 'completed', 'abandoned']);

/** Every problem of a framework spec, in spec order. @internal */
export function checkSpec(
  spec: FrameworkSpec<string, string, string, unknown>,
): DefinitionProblem[] {
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
    if (typeof id !== 'string' || !(kind === 'Step' ? stepIdPattern : idPattern).test(id)) {
      add(
        'INVALID_ID',
        path,
        `${kind} ids are camelCase${kind === 'Step' ? ' or kebab-case' : ''} words starting with a lower-case letter; received ${JSON.stringify(id)}.`,
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
        `The framework needs a non-empty ${key}${key === 'source' ? ' saying where it comes from (a publication, standard or vendor)' : ''}.`,
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
    if (
      max !== undefined &&
      max !== Number.POSITIVE_INFINITY &&
      (!Number.isSafeInteger(max) || max < 1)
    ) {
      add(
        'INVALID_TRANSITION',
        ['steps', i, 'maxTimes'],
        `maxTimes of step '${String(id)}' must be a positive integer or Infinity, received ${String(max)}.`,
      );
    }
  });
  const guardNames = new Set(Object.keys(spec.guards ?? {}));
  for (const [name, guard] of Object.entries(spec.guards ?? {})) {
    if (typeof guard !== 'function') {
      add('UNDEFINED_GUARD', ['guards', name], `Guard '${name}' must be a function.`);
    }
  }
  const checkGuard = (path: (string | number)[], name: unknown) => {
    if (name === undefined) return;
    if (typeof name !== 'string' || !guardNames.has(name)) {
      add(
        'UNDEFINED_GUARD',
        path,
        `Guard ${JSON.stringify(name)} is not declared in the spec's guards; declared: ${[...guardNames].join(', ') || 'none'}.`,
      );
    }
  };
  if (
    spec.data !== undefined &&
    (typeof spec.data !== 'object' || spec.data === null || !('_zod' in spec.data))
  ) {
    add('INVALID_SCHEMA', ['data'], 'data must be a zod schema for the interaction data.');
  }
  const aliasNames = new Set<string>();
  spec.steps.forEach((step, i) => {
    checkGuard(['steps', i, 'guard'], step.guard);
    const aliases: readonly (string | { name: string; guard?: string })[] = step.aliases ?? [];
    aliases.forEach((alias, j) => {
      const name = typeof alias === 'string' ? alias : alias?.name;
      if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
        add('INVALID_ID', ['steps', i, 'aliases', j], 'An alias is a non-empty action name.');
      } else if (stepIds.has(name) && name !== step.id) {
        add(
          'RESERVED_NAME',
          ['steps', i, 'aliases', j],
          `Alias '${name}' of step '${step.id}' is the id of another step.`,
        );
      } else {
        aliasNames.add(name);
      }
      if (typeof alias === 'object' && alias !== null) {
        checkGuard(['steps', i, 'aliases', j, 'guard'], alias.guard);
      }
    });
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
    for (const [outcome, raw] of Object.entries(step.outcomes ?? {})) {
      const full =
        typeof raw === 'object' && raw !== null && !Array.isArray(raw)
          ? (raw as { to?: unknown; requires?: unknown; guard?: unknown })
          : undefined;
      const target = full === undefined ? raw : full.to;
      if (full !== undefined) {
        checkGuard(['steps', i, 'outcomes', outcome, 'guard'], full.guard);
        const requires = full.requires ?? [];
        if (!Array.isArray(requires)) {
          add(
            'UNKNOWN_TARGET',
            ['steps', i, 'outcomes', outcome, 'requires'],
            `requires of outcome '${outcome}' must be a list of step ids.`,
          );
        } else {
          for (const r of requires) {
            if (!stepIds.has(r as string)) {
              add(
                'UNKNOWN_TARGET',
                ['steps', i, 'outcomes', outcome, 'requires'],
                `Outcome '${outcome}' of step '${step.id}' requires '${String(r)}', which is not a step.`,
              );
            }
          }
        }
      }
      if (!idPattern.test(outcome)) {
        add(
          'INVALID_ID',
          ['steps', i, 'outcomes', outcome],
          `Outcome ids are camelCase words starting with a lower-case letter; received '${outcome}'.`,
        );
      } else if (stepIds.has(outcome) || reserved.has(outcome) || aliasNames.has(outcome)) {
        add(
          'RESERVED_NAME',
          ['steps', i, 'outcomes', outcome],
          `Outcome '${outcome}' of step '${step.id}' has the name of a step or state; outcome and step ids share one event namespace.`,
        );
      }
      const targets: unknown[] = Array.isArray(target) ? target : [target];
      if (targets.length === 0) {
        add(
          'INVALID_TRANSITION',
          ['steps', i, 'outcomes', outcome],
          `Outcome '${outcome}' of step '${step.id}' leads nowhere; give it a step id or 'end'.`,
        );
      }
      for (const t of targets) {
        if (t !== 'end' && !stepIds.has(t as string)) {
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

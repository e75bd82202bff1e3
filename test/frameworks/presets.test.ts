import { describe, expect, it } from 'vitest';
import { fiveStageCycle, fourStageCycle } from '../../src/cycles/index.js';
import {
  type AnyFramework,
  eightStepsOfService,
  ritzThreeSteps,
  tenStepsOfService,
} from '../../src/frameworks/index.js';
import { initialSnapshot, toMermaid } from '../../src/index.js';
import { drive, expectRefusal, expectRefused } from './helpers.js';

describe('tenStepsOfService', () => {
  const m = tenStepsOfService.machine;
  it('has the four ordered moments as states and the six middle steps as qualities', () => {
    expect(tenStepsOfService.steps.map((s) => s.id)).toEqual([
      'welcome',
      'acknowledgment',
      'lastingImpression',
      'farewell',
    ]);
    expect(tenStepsOfService.qualities.map((q) => q.id)).toEqual([
      'anticipation',
      'personalization',
      'knowledge',
      'empathy',
      'efficiency',
      'attentionToDetail',
    ]);
    expect(tenStepsOfService.source).not.toMatch(/\.txt/);
  });
  it('accepts the canonical path with qualities observed anywhere', () => {
    const end = drive(m, ['welcome', 'acknowledgment', 'lastingImpression', 'farewell', 'END']);
    expect(end.state).toBe('completed');
  });
  it('rejects the farewell before the lasting impression, and an early END', () => {
    const ack = drive(m, ['welcome', 'acknowledgment']);
    expectRefused(m, ack, { type: 'farewell', at: 1e9 }, 'EVENT_NOT_ALLOWED');
    expectRefused(m, ack, { type: 'END', at: 1e9 }, 'EVENT_NOT_ALLOWED');
    expectRefused(
      m,
      initialSnapshot(m),
      { type: 'QUALITY', quality: 'patience', at: 0 },
      'INVALID_PAYLOAD',
    );
  });
});

describe('ritzThreeSteps', () => {
  const m = ritzThreeSteps.machine;
  it('accepts greeting, repeated anticipation, farewell', () => {
    expect(
      drive(m, ['greeting', 'anticipation', 'anticipation', 'anticipation', 'farewell', 'END'])
        .state,
    ).toBe('completed');
  });
  it('requires all three steps and keeps name use optional', () => {
    expectRefused(m, drive(m, ['greeting']), { type: 'farewell', at: 1e9 }, 'EVENT_NOT_ALLOWED');
    expect(ritzThreeSteps.qualities).toEqual([
      {
        id: 'useName',
        description: 'The guest’s name is used at greeting and farewell.',
        mandatory: false,
      },
    ]);
    expect(ritzThreeSteps.source).toContain('public company material');
  });
  it('stops anticipation at its repeat limit', () => {
    const ten = drive(m, ['greeting', ...Array(10).fill('anticipation')]);
    const error = expectRefusal(m, ten, { type: 'anticipation', at: 1e9 }, 'REPEAT_LIMIT');
    expect(error.reason.message).toBe(
      'Step anticipation was already done 10 times; the framework allows it at most 10 times.',
    );
  });
  it('renders as Mermaid', () => {
    expect(toMermaid(ritzThreeSteps.machine)).toContain(
      'anticipation --> anticipation : anticipation [enter:anticipation]',
    );
  });
});

describe('toMermaid on every preset', () => {
  it.each([
    eightStepsOfService,
    tenStepsOfService,
    ritzThreeSteps,
    fourStageCycle,
    fiveStageCycle,
  ] as unknown as AnyFramework[])('renders $id with every step and both endings', (framework) => {
    const text = toMermaid(framework.machine);
    expect(text.startsWith('stateDiagram-v2\n  ')).toBe(true);
    expect(text).toContain('[*] --> start');
    for (const step of framework.steps) expect(text).toContain(`  ${step.id} : `);
    expect(text).toContain('completed --> [*]');
    expect(text).toContain('abandoned --> [*]');
  });
});

import { describe, expect, it } from 'vitest';
import { runPlan, summary, type RunScript } from '../../tools/run-steps.ts';
import { TEST_PLAN } from '../../tools/test-plan.ts';
import packageJson from '../../../package.json' with { type: 'json' };

/** A runner that records what ran, and fails the scripts named in `failing`. */
function fakeRunner(failing: string[] = []) {
  const ran: { script: string; stream: boolean }[] = [];
  const run: RunScript = async (script, stream) => {
    ran.push({ script, stream });
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { script, code: failing.includes(script) ? 2 : 0, seconds: 1, output: `${script} said this\n` };
  };
  return { ran, run };
}

describe('npm test: runPlan', () => {
  it('runs every stage when all pass, buffers a shared stage, streams a lone one, and exits 0', async () => {
    const { ran, run } = fakeRunner();
    let printed = '';
    const code = await runPlan([['a', 'b'], ['c']], run, (text) => (printed += text));
    expect(code).toBe(0);
    expect(ran).toEqual([
      { script: 'a', stream: false },
      { script: 'b', stream: false },
      { script: 'c', stream: true },
    ]);
    // A buffered script's output comes whole, after its own heading.
    expect(printed).toMatch(/━━ a: passed in 1 s\na said this\n/);
    expect(printed).toContain('test steps (wall clock');
  });

  it('lets the rest of a failing stage finish, runs no later stage, and exits 1', async () => {
    const { ran, run } = fakeRunner(['lint']);
    let printed = '';
    const code = await runPlan([['typecheck', 'lint'], ['test:vitest'], ['e2e']], run, (text) => (printed += text));
    expect(code).toBe(1);
    expect(ran.map((r) => r.script)).toEqual(['typecheck', 'lint']);
    expect(printed).toContain('lint: FAILED (exit 2)');
    expect(printed).toContain('not run  test:vitest');
    expect(printed).toContain('not run  e2e');
  });

  it('says which step failed in the summary', () => {
    const text = summary(
      [
        { script: 'lint', code: 0, seconds: 12.4 },
        { script: 'typecheck', code: 1, seconds: 40 },
      ],
      ['e2e'],
      41,
    );
    expect(text.split('\n')).toEqual([
      'test steps (wall clock 41 s):',
      '  ok       12 s  lint',
      '  FAIL     40 s  typecheck',
      '  --        not run  e2e (an earlier stage failed)',
    ]);
  });
});

describe('npm test: the plan', () => {
  it('names only scripts package.json defines, and covers the checks, both vitest projects and the e2e suite', () => {
    const scripts = packageJson.scripts as Record<string, string>;
    const steps = TEST_PLAN.flat();
    for (const step of steps) expect(scripts[step], `package.json has no script "${step}"`).toBeDefined();
    expect(steps).toEqual(expect.arrayContaining(['typecheck', 'lint', 'build', 'test:vitest', 'test:e2e:built']));
    // `vitest run` with no --project runs every project, the slow one too.
    expect(scripts['test:vitest']).toBe('vitest run');
    // The e2e stage needs the build, which an earlier stage makes.
    const stageOf = (script: string) => TEST_PLAN.findIndex((stage) => stage.includes(script));
    expect(stageOf('build')).toBeLessThan(stageOf('test:e2e:built'));
    expect(scripts['test']).toBe('node tests/tools/run-steps.ts');
  });
});

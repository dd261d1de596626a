/**
 * Runs npm scripts in stages: the scripts of a stage at the same time, the stages one after
 * another. `npm test` (what CI runs) is `node tests/tools/run-steps.ts` with the plan in
 * `test-plan.ts`; it exists because the 2-core CI machine sat half idle while tsc, ESLint and the
 * build each ran alone on one core.
 *
 * Honest failure: every script of a stage runs to its end, a stage with a failed script stops the
 * plan, and the exit code is 1 if any script failed. Readable output: a stage of one script streams
 * it; a stage of several buffers each script's output and prints it whole when that script ends,
 * so lines never interleave. A table of times per script ends the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { TEST_PLAN, type Stage } from './test-plan.ts';

export interface StepResult {
  script: string;
  code: number | null;
  seconds: number;
}

const running = new Set<ChildProcess>();

export type RunScript = (script: string, stream: boolean) => Promise<StepResult & { output: string }>;

const runScript: RunScript = (script, stream) => {
  const started = performance.now();
  return new Promise((resolve) => {
    // Colour survives the buffering: the scripts believe they write to the terminal we write to.
    const env = process.stdout.isTTY ? { ...process.env, FORCE_COLOR: '1' } : process.env;
    // Its own process group, so that stopping the run stops the script's children too.
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
    running.add(child);
    const chunks: Buffer[] = [];
    const take = (chunk: Buffer) => (stream ? process.stdout.write(chunk) : chunks.push(chunk));
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const finish = (code: number | null, error?: Error) => {
      running.delete(child);
      const output = Buffer.concat(chunks).toString() + (error ? `\n${script}: could not start: ${error.message}\n` : '');
      resolve({ script, code: error ? 1 : code, seconds: (performance.now() - started) / 1000, output });
    };
    child.on('error', (error) => finish(1, error));
    child.on('close', (code, signal) => finish(code ?? (signal ? 1 : null)));
  });
};

type Write = (text: string) => void;

async function runStage(stage: Stage, run: RunScript, write: Write): Promise<StepResult[]> {
  const banner = (text: string) => write(`\n━━ ${text}\n`);
  const alone = stage.length === 1;
  banner(alone ? `npm run ${stage[0]}` : `at the same time: ${stage.map((s) => `npm run ${s}`).join(', ')}`);
  return Promise.all(
    stage.map(async (script) => {
      const result = await run(script, alone);
      if (!alone) {
        banner(`${script}: ${result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`} in ${result.seconds.toFixed(0)} s`);
        write(result.output);
      }
      return result;
    }),
  );
}

export function summary(results: StepResult[], skipped: string[], totalSeconds: number): string {
  const rows = results.map((r) => `  ${r.code === 0 ? 'ok  ' : 'FAIL'}  ${r.seconds.toFixed(0).padStart(5)} s  ${r.script}`);
  const notRun = skipped.map((s) => `  --        not run  ${s} (an earlier stage failed)`);
  return [`test steps (wall clock ${totalSeconds.toFixed(0)} s):`, ...rows, ...notRun].join('\n');
}

/** Runs `plan`; resolves with the exit code for the whole run. */
export async function runPlan(plan: readonly Stage[], run: RunScript = runScript, write: Write = (text) => process.stdout.write(text)): Promise<number> {
  const started = performance.now();
  const results: StepResult[] = [];
  let index = 0;
  for (; index < plan.length; index++) {
    const stage = plan[index];
    if (!stage) break;
    const stageResults = await runStage(stage, run, write);
    results.push(...stageResults);
    if (stageResults.some((r) => r.code !== 0)) break;
  }
  const skipped = plan.slice(index + 1).flat();
  write(`\n━━ ${summary(results, skipped, (performance.now() - started) / 1000)}\n`);
  return results.every((r) => r.code === 0) && skipped.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // A CI timeout or Ctrl+C ends the scripts too, instead of leaving them running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      for (const child of running) {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, signal);
        } catch {
          // The group has ended already.
        }
      }
      process.exit(1);
    });
  }
  process.exitCode = await runPlan(TEST_PLAN);
}

/**
 * Prints why tests were skipped, so a skipped project (the Electron shell on
 * a machine without its binary) says so plainly in the output.
 */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonsReporter implements Reporter {
  private readonly reasons = new Map<string, number>();

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const project = test.parent.project()?.name ?? '?';
    const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
    const key = `[${project}] ${reason}`;
    this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
  }

  onEnd(): void {
    for (const [reason, count] of this.reasons) {
      console.log(`\nSKIPPED ${count} test(s): ${reason}`);
    }
  }

  printsToStdio(): boolean {
    return false;
  }
}

import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Rough seconds per file by folder, for files this checkout has never timed. */
const GUESS: Array<[string, number]> = [['test/e2e/', 60], ['test/contract/', 15], ['test/integration/', 10], ['test/emulators/', 5]];

/**
 * Longest files first, so the two workers finish together. Vitest does this from its own cache of
 * durations, but on a fresh checkout (CI) it has none and runs the largest files first: the
 * drills, the longest files of all, are a few lines each and started last, leaving one worker
 * alone with them for the final minutes. Files never timed get a guess from their folder.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification): number => {
      const file = path.relative(root, spec.moduleId);
      const known = this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`);
      if (known) return known.duration / 1000;
      return GUESS.find(([folder]) => file.startsWith(folder))?.[1] ?? 1;
    };
    // Array.prototype.sort is stable: files with equal weight keep vitest's order.
    return ordered.map((spec) => ({ spec, s: seconds(spec) })).sort((a, b) => b.s - a.s).map(({ spec }) => spec);
  }
}

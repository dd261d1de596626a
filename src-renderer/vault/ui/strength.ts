/**
 * Passphrase strength with zxcvbn-ts, whose dictionaries are loaded on first
 * use so they do not slow the first paint. Score 0..4; we ask for 3.
 */
export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  /** e.g. "centuries" to guess at 10 guesses per second. */
  crackTime: string;
  warning: string;
  suggestions: string[];
}

export const REQUIRED_SCORE = 3;

/**
 * zxcvbn's time in a sentence: "about 3 hours", but "less than a second" and "centuries" as they
 * are ("about less than a second" said two things at once).
 */
export function guessTimeText(crackTime: string): string {
  return /^\d/u.test(crackTime) ? `about ${crackTime}` : crackTime;
}
export const MIN_LENGTH = 10;

type Checker = (password: string, userInputs: string[]) => Strength;
let checker: Promise<Checker> | undefined;

async function load(): Promise<Checker> {
  const [{ ZxcvbnFactory }, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  const factory = new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return (password, userInputs) => {
    const result = factory.check(password, userInputs);
    return {
      score: result.score as Strength['score'],
      crackTime: result.crackTimes.offlineSlowHashingXPerSecond.display,
      warning: result.feedback.warning ?? '',
      suggestions: result.feedback.suggestions,
    };
  };
}

export async function estimateStrength(password: string, userInputs: string[] = ['caravan']): Promise<Strength> {
  checker ??= load();
  return (await checker)(password, userInputs);
}

/** Why a passphrase cannot be used yet, or null when it can. */
export function passphraseProblem(passphrase: string, confirmation: string, strength: Strength | null): string | null {
  if (passphrase.length < MIN_LENGTH) return `Use at least ${MIN_LENGTH} characters; four or five random words work well.`;
  if (!strength || strength.score < REQUIRED_SCORE) return 'This passphrase is too easy to guess. Add words or make it less predictable.';
  if (passphrase !== confirmation) return 'The two passphrases do not match.';
  return null;
}

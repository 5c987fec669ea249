/**
 * Why NPS moved: the week's NPS responses split by the open themes their accounts are linked to (a customer of one
 * of the theme's escalations), against the week before; and the detractor comments that read like an open theme
 * from accounts not linked to it yet. Pure, so the split can be checked by hand (test/core/themes/nps-attribution.test.ts).
 */
import { isDetractor } from '../surveys/score-classes';
import { classCounts, npsScore } from '../surveys/survey-maths';
import type { TSide } from './fix-outcome';

export interface TAttributionResponse {
  id: number;
  customerId: number;
  customerName: string;
  score: number;
  comment: string | null;
}

export interface TAttributionTheme {
  id: number;
  title: string;
  /** The customers of its escalations. */
  customerIds: number[];
  tags: string[];
  /** Its escalations' summaries, for the words it is known by. */
  summaries: string[];
}

export interface TDetractorLine {
  responseId: number;
  customerId: number;
  customerName: string;
  score: number;
  comment: string | null;
}

export interface TThemeAttribution {
  id: number;
  title: string;
  accounts: number;
  /** This week's detractors from its accounts. */
  detractors: number;
  now: TSide;
  before: TSide;
  /** Detractors from accounts not linked to it whose comment shares a tag or a distinctive word with it. */
  suggestions: (TDetractorLine & { sharedWords: string[] })[];
}

export interface TNpsAttribution {
  now: TSide;
  before: TSide;
  detractors: number;
  themes: TThemeAttribution[];
  /** Accounts linked to no open theme. */
  rest: { now: TSide; before: TSide };
  unlinked: TDetractorLine[];
}

/** Words too common in support talk to say which problem a comment is about. */
const STOPWORDS = new Set(
  `the and for but not you are was has had can get got any all our out now new one two too way why how who its let
  see use yet off own day did don won isn via per
  about after again also always another because been before being cannot could does doing done even every from
  have having help into just keep like make many more most much need never only other over please really same should
  since some still such than that their them then there these they thing this those through time very want were what
  when where which while will with without would your customer customers issue issues problem problems support team
  product service working works work broken wrong thanks thank`
    .split(/\s+/)
    .filter(Boolean),
);

/** A crude stem, the same on both sides: "charged", "charges", "charge" → "charg". */
const stem = (word: string) => (word.length > 4 ? word.replace(/(ing|ed|es|s|e)$/, '') : word);

/** The distinctive words of a text: 3+ letters (`sso`), not a stopword, stemmed. */
export function distinctiveWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const word of text.toLowerCase().match(/[a-z][a-z0-9]{2,}/g) ?? [])
    if (!STOPWORDS.has(word)) words.add(stem(word));
  return words;
}

/**
 * The words a theme is known by: its tags (and their parts), its title's words, and the words of its escalations'
 * summaries that at least two of them share (all of a single escalation's), so one stray word does not match.
 */
export function themeVocabulary(theme: Pick<TAttributionTheme, 'title' | 'tags' | 'summaries'>): Set<string> {
  const vocabulary = new Set<string>();
  for (const tag of theme.tags) for (const word of distinctiveWords(tag.replace(/-/g, ' '))) vocabulary.add(word);
  for (const word of distinctiveWords(theme.title)) vocabulary.add(word);
  const seen = new Map<string, number>();
  for (const summary of theme.summaries)
    for (const word of distinctiveWords(summary)) seen.set(word, (seen.get(word) ?? 0) + 1);
  const needed = theme.summaries.length > 1 ? 2 : 1;
  for (const [word, count] of seen) if (count >= needed) vocabulary.add(word);
  return vocabulary;
}

const npsSide = (responses: TAttributionResponse[]): TSide => {
  const counts = classCounts(
    'nps',
    responses.map((response) => ({ score: response.score, count: 1 })),
  );
  return { score: npsScore(counts), responses: responses.length };
};

const line = (response: TAttributionResponse): TDetractorLine => ({
  responseId: response.id,
  customerId: response.customerId,
  customerName: response.customerName,
  score: response.score,
  comment: response.comment,
});

/** Suggestions per theme at most; the report has a block budget. */
export const SUGGESTIONS_PER_THEME = 3;

export function attributeNps(input: {
  week: TAttributionResponse[];
  previous: TAttributionResponse[];
  themes: TAttributionTheme[];
}): TNpsAttribution {
  const detractors = input.week.filter((response) => isDetractor('nps', response.score));
  // Each comment's words once, not once per theme.
  const commentWords = new Map(
    detractors.flatMap((response) => (response.comment ? [[response.id, distinctiveWords(response.comment)]] : [])),
  );
  const linkedAnywhere = new Set(input.themes.flatMap((theme) => theme.customerIds));
  const themes = input.themes
    .map((theme): TThemeAttribution => {
      const accounts = new Set(theme.customerIds);
      const vocabulary = themeVocabulary(theme);
      const suggestions = detractors
        .filter((response) => !accounts.has(response.customerId) && response.comment)
        .map((response) => ({
          ...line(response),
          sharedWords: [...(commentWords.get(response.id) ?? [])].filter((word) => vocabulary.has(word)),
        }))
        .filter((suggestion) => suggestion.sharedWords.length > 0)
        .sort((a, b) => b.sharedWords.length - a.sharedWords.length || a.score - b.score || a.responseId - b.responseId)
        .slice(0, SUGGESTIONS_PER_THEME);
      return {
        id: theme.id,
        title: theme.title,
        accounts: accounts.size,
        detractors: detractors.filter((response) => accounts.has(response.customerId)).length,
        now: npsSide(input.week.filter((response) => accounts.has(response.customerId))),
        before: npsSide(input.previous.filter((response) => accounts.has(response.customerId))),
        suggestions,
      };
    })
    .sort((a, b) => b.detractors - a.detractors || a.id - b.id);
  return {
    now: npsSide(input.week),
    before: npsSide(input.previous),
    detractors: detractors.length,
    themes,
    rest: {
      now: npsSide(input.week.filter((response) => !linkedAnywhere.has(response.customerId))),
      before: npsSide(input.previous.filter((response) => !linkedAnywhere.has(response.customerId))),
    },
    unlinked: detractors.filter((response) => !linkedAnywhere.has(response.customerId)).map(line),
  };
}

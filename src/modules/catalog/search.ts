// Query normalisation and synonym expansion for storefront search; pure, no database.
// The database side: listing.ts (full-text search on the normalised search_text) and
// search-words.ts (spelling correction against the tenant's vocabulary, trigram index).

import synonyms from './synonyms.json' with { type: 'json' };

const GROUPS: readonly string[][] = synonyms.groups;

/** At most this many phrasings of one query reach the database. */
export const MAX_ALTERNATIVES = 8;

/**
 * Lowercase, accents folded (as unaccent would), anything but letters and digits as one
 * space. Used on both sides: for the stored search_text and for the query.
 */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** What a product is found by: its title, its category (both languages), its staple and its seller. */
export function productSearchText(parts: (string | null | undefined)[]): string {
  return normalizeSearchText(parts.filter(Boolean).join(' '));
}

interface SynonymMatch {
  group: string[];
  term: string;
  start: number;
  length: number;
}

/** Synonym names found in the tokens; a name inside a longer one ("telo" in "telo rambat") yields to it. */
function synonymMatches(tokens: string[]): SynonymMatch[] {
  const found: SynonymMatch[] = [];
  for (const group of GROUPS) {
    for (const term of group) {
      const words = term.split(' ');
      for (let start = 0; start + words.length <= tokens.length; start++) {
        if (words.every((word, i) => tokens[start + i] === word)) found.push({ group, term, start, length: words.length });
      }
    }
  }
  found.sort((a, b) => b.length - a.length);
  const used = new Set<number>();
  return found.filter((match) => {
    const span = Array.from({ length: match.length }, (_, i) => match.start + i);
    if (span.some((i) => used.has(i))) return false;
    for (const i of span) used.add(i);
    return true;
  });
}

/**
 * The normalised query and its phrasings with regional names swapped for their
 * synonyms, the query itself first: "lombok rawit" -> ["lombok rawit", "cabai rawit",
 * "cabe rawit", "cengek", …]. Empty when nothing searchable is left.
 */
export function expandQuery(query: string, limit = MAX_ALTERNATIVES): string[] {
  const first = normalizeSearchText(query).split(' ').slice(0, 8).join(' ');
  if (!first) return [];
  const out = [first];
  // Breadth first, so the closest phrasings survive the limit.
  for (let i = 0; i < out.length; i++) {
    const tokens = (out[i] as string).split(' ');
    for (const match of synonymMatches(tokens)) {
      for (const other of match.group) {
        if (other === match.term) continue;
        const phrasing = [...tokens.slice(0, match.start), other, ...tokens.slice(match.start + match.length)].join(' ');
        if (!out.includes(phrasing)) out.push(phrasing);
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

/**
 * A to_tsquery text matching any phrasing with all its words, the last word as a
 * prefix (people search while typing): "(cabai & rawi:*) | (cengek:*)". The phrasings
 * are normalised to [a-z0-9 ], so no tsquery operator can come from the user.
 */
export function tsQueryText(phrasings: string[]): string {
  return phrasings.map((phrasing) => `(${phrasing.split(' ').join(' & ')}:*)`).join(' | ');
}

import { sql } from 'kysely';
import type { Ctx } from '../../http/context.ts';

// The tenant's search vocabulary: every word its products can be found by. A misspelt
// query word is corrected to the most similar of these (trigram similarity, GIN index),
// as the pg_trgm documentation suggests for full-text search: matching a few thousand
// words is fast, matching every product's text by similarity is not.

/** Words shorter than this are left as typed: trigrams say little about them. */
const MIN_LENGTH = 3;

function correctable(word: string): boolean {
  return word.length >= MIN_LENGTH && !/^\d+$/.test(word);
}

/** Adds the words of a product's (normalised) search text to the vocabulary. */
export async function rememberWords(ctx: Ctx, searchText: string): Promise<void> {
  const words = [...new Set(searchText.split(' ').filter(correctable))];
  if (words.length === 0) return;
  await ctx.db
    .insertInto('search_words')
    .values(words.map((word) => ({ tenant_id: ctx.tenant.id, word })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * The query (normalised) with each word replaced by the closest vocabulary word, itself
 * when known: "bawang merh" -> "bawang merah". Words with nothing similar stay as typed.
 */
export async function correctWords(ctx: Ctx, query: string): Promise<string> {
  const words = query.split(' ');
  const toCheck = words.filter(correctable);
  if (toCheck.length === 0) return query;
  const { rows } = await sql<{ word: string; suggestion: string | null }>`
    SELECT q.word, (
      SELECT w.word FROM search_words w
      WHERE w.tenant_id = ${ctx.tenant.id} AND w.word % q.word
      ORDER BY similarity(w.word, q.word) DESC, w.word
      LIMIT 1
    ) AS suggestion
    FROM unnest(${toCheck}::text[]) AS q(word)`.execute(ctx.db);
  const best = new Map(rows.map((row) => [row.word, row.suggestion ?? row.word]));
  return words.map((word) => best.get(word) ?? word).join(' ');
}

import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** A person as readers see them on their author page and in its `Person` JSON-LD. */
export interface PublicProfile {
  id: number;
  slug: string;
  name: string;
  title: string;
  bio: string;
  /** Square photo (its variants are made at the usual widths). */
  photo: { path: string; width: number; height: number } | null;
  /** Profiles elsewhere, http(s) only. */
  links: string[];
  /** Only when the person chose to show it. */
  email: string | null;
}

/** The stored JSON list of links, as read back; anything malformed reads as none. */
export function parseLinks(raw: string): string[] {
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && /^https?:\/\//.test(v)) : [];
  } catch {
    return [];
  }
}

export async function publicProfile(db: Kysely<DB>, slug: string): Promise<PublicProfile | undefined> {
  const row = await db
    .selectFrom('people')
    .leftJoin('media', 'media.id', 'people.photo_media_id')
    .select([
      'people.id',
      'people.slug',
      'people.name',
      'people.title',
      'people.bio',
      'people.email',
      'people.email_public',
      'people.social_links',
      'media.path as photoPath',
      'media.width as photoWidth',
      'media.height as photoHeight',
    ])
    .where('people.slug', '=', slug)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    title: row.title,
    bio: row.bio,
    photo: row.photoPath ? { path: row.photoPath, width: row.photoWidth ?? 0, height: row.photoHeight ?? 0 } : null,
    links: parseLinks(row.social_links),
    email: row.email_public && row.email ? row.email : null,
  };
}

/** The two languages the hub answers in. Vietnamese is the users' own; English is the fallback. */
export type Locale = 'vi' | 'en';

/**
 * Picks the response language from an `Accept-Language` header: the first of `vi` or `en` by
 * quality value, English when neither is listed or the header is absent.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'vi' || tag.startsWith('vi-')) return 'vi';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** Picks the CLI language: `--lang` first, then `LC_ALL`, `LANG`, as the architecture fixes. */
export function cliLocale(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Locale {
  if (explicit === 'vi' || explicit === 'en') return explicit;
  const fromEnv = env.LC_ALL || env.LANG || '';
  return fromEnv.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

import { useState } from 'react';

/** A URL slug proposed from a title: lower case, accents dropped, words joined by hyphens. */
const slugFrom = (title: string) =>
  title
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

/** A survey's title and slug: the slug follows the title until the researcher edits it. */
export function useTitleSlug() {
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);

  const changeTitle = (value: string) => {
    setTitle(value);
    if (!slugEdited) setSlug(slugFrom(value));
  };
  const changeSlug = (value: string) => {
    setSlug(value);
    setSlugEdited(true);
  };

  return { title, slug, changeTitle, changeSlug };
}
